// What jsdom lacks and the console's libraries call: text encoding (the router), media queries,
// element resizing and scrolling (Mantine). Only for the component tests; node has no window.
const { TextDecoder, TextEncoder } = require('node:util');

if (typeof window !== 'undefined') {
  Object.assign(globalThis, { TextEncoder, TextDecoder });
  window.matchMedia = (query) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  });
  window.ResizeObserver = class {
    observe = () => undefined;
    unobserve = () => undefined;
    disconnect = () => undefined;
  };
  window.HTMLElement.prototype.scrollIntoView = () => undefined;
}
