/** The verdict headlines' wording, shared by the judges of the network's and the page's side. */

export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** "Failed, not CORS: …" with the cause's first sentence: the rest ("Not CORS: …") the label says. */
export function notCorsHeadline(meaning: string): string {
  const first = meaning.split(/(?<=\.)\s/)[0] ?? meaning;
  return `Failed, not CORS: ${lowerFirst(first.replace(/\.$/, ''))}`;
}
