/** What the runtime named an integration, flow or step, with the id people may also know it by; the id alone when unnamed. */
export const named = (name: string | null | undefined, id: string): string => (name ? `${name} (${id})` : id);
