/**
 * Positions 0…n−1 of a sorted list, each alive until removed, with the nearest alive one
 * on either side found in near-constant time (union–find with path compression). The
 * import pairs thousands of entries to one URL; skipping the paired ones one by one
 * would make it quadratic again.
 */
export class Survivors {
  /** `right[i] === i` while i is alive; otherwise a position further right (n: none). */
  private readonly right: Int32Array;
  /** Shifted by one: `left[i + 1] === i + 1` while i is alive; 0 means none to the left. */
  private readonly left: Int32Array;

  constructor(readonly size: number) {
    this.right = new Int32Array(size + 1);
    this.left = new Int32Array(size + 1);
    for (let i = 0; i <= size; i++) {
      this.right[i] = i;
      this.left[i] = i;
    }
  }

  /** The first alive position ≥ `from`, or `size` when there is none. */
  nextAlive(from: number): number {
    return root(this.right, Math.max(0, Math.min(from, this.size)));
  }

  /** The last alive position ≤ `from`, or −1 when there is none. */
  previousAlive(from: number): number {
    if (from < 0) return -1;
    return root(this.left, Math.min(from, this.size - 1) + 1) - 1;
  }

  remove(position: number): void {
    if (position < 0 || position >= this.size || this.right[position] !== position) return;
    this.right[position] = position + 1;
    this.left[position + 1] = position;
  }
}

/** The representative of `start`, every link on the way pointed straight at it. */
function root(links: Int32Array, start: number): number {
  let at = start;
  for (let up = links[at] ?? at; up !== at; up = links[at] ?? at) at = up;
  let node = start;
  while (node !== at) {
    const up = links[node] ?? at;
    links[node] = at;
    node = up;
  }
  return at;
}
