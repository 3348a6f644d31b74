/** Text with a control character (below U+0020) never belongs in an address or a filter. */
export function hasControlCharacters(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) if (text.charCodeAt(index) < 0x20) return true;
  return false;
}
