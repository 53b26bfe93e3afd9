// The event the page probe (MAIN world) dispatches on `document` for the relay (isolated
// world) to read, with the report as a JSON string in `detail`.
//
// Why a CustomEvent with a private name rather than window.postMessage: every page listener
// for `message` receives what is posted to the window, so frameworks and the page's own
// routers would see (and sometimes choke on) our reports; an event of a type nobody else
// uses reaches only the relay's listener. It is not secret (a page can listen to it or
// dispatch forged reports of its own): that is accepted, the background validates every
// report and files it under the sender's tab and frame, never under anything the page says.
// The detail is a string because strings cross the boundary between worlds unchanged in
// Chrome and Firefox, where objects would need cloning or Xray wrappers.
export const PROBE_EVENT = 'cors-lens:page-call';

/**
 * Dispatched (cancelable) by a probe as it starts: a probe already in the document cancels
 * it, and the newcomer leaves. A panel that connects injects the probe into pages already
 * open, which may have it from the registration: `fetch` must never be wrapped twice.
 */
export const PROBE_HELLO_EVENT = 'cors-lens:probe-hello';
