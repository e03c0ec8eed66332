// Pure: values kept in the order of an integer position (a participant's place
// in the roster), where one is added, removed or found in O(log n) and the
// first k are read in O(log n + k). The participants panel keeps one per group
// (lobby, raised hands, the rest) so that its first rows come without walking
// the meeting, and so that someone moving between groups lands in roster order
// rather than last, as appending to an insertion-ordered Map would put them.
//
// A treap: a search tree by position that is also a heap by a priority. The
// priority is a hash of the position, not Math.random: the same positions give
// the same tree on every run (a failing test fails again), and positions handed
// out in increasing order, as joins are, still give a balanced tree.

interface Node<V> {
  position: number;
  priority: number;
  value: V;
  left: Node<V> | undefined;
  right: Node<V> | undefined;
}

/** A 32-bit integer hash (lowbias32): neighbouring positions get unrelated priorities. */
const priorityOf = (position: number): number => {
  let h = position >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
};

/** Splits into the positions below `position` and the rest. */
function split<V>(node: Node<V> | undefined, position: number): [Node<V> | undefined, Node<V> | undefined] {
  if (!node) return [undefined, undefined];
  if (node.position < position) {
    const [low, high] = split(node.right, position);
    node.right = low;
    return [node, high];
  }
  const [low, high] = split(node.left, position);
  node.left = high;
  return [low, node];
}

/** Joins two trees, every position of `low` below every one of `high`. */
function merge<V>(low: Node<V> | undefined, high: Node<V> | undefined): Node<V> | undefined {
  if (!low) return high;
  if (!high) return low;
  if (low.priority > high.priority) {
    low.right = merge(low.right, high);
    return low;
  }
  high.left = merge(low, high.left);
  return high;
}

function insert<V>(node: Node<V> | undefined, fresh: Node<V>): Node<V> {
  if (!node) return fresh;
  if (fresh.priority > node.priority) {
    [fresh.left, fresh.right] = split(node, fresh.position);
    return fresh;
  }
  if (fresh.position < node.position) node.left = insert(node.left, fresh);
  else node.right = insert(node.right, fresh);
  return node;
}

function remove<V>(node: Node<V> | undefined, position: number): Node<V> | undefined {
  if (!node) return undefined;
  if (position === node.position) return merge(node.left, node.right);
  if (position < node.position) node.left = remove(node.left, position);
  else node.right = remove(node.right, position);
  return node;
}

function find<V>(node: Node<V> | undefined, position: number): Node<V> | undefined {
  while (node && node.position !== position) node = position < node.position ? node.left : node.right;
  return node;
}

const heightOf = (node: Node<unknown> | undefined): number => (node ? 1 + Math.max(heightOf(node.left), heightOf(node.right)) : 0);

export interface PositionIndex<V> {
  readonly size: number;
  /** Adds `value` at `position`, or replaces the value there. */
  set(position: number, value: V): void;
  /** Whether there was a value at `position`. */
  delete(position: number): boolean;
  clear(): void;
  /** In increasing position, lazily: stop early and the rest is never visited. */
  values(): IterableIterator<V>;
  /** The tree's height, for tests: it should stay near 2·log2(size) whatever order positions come in. */
  height(): number;
}

export function createPositionIndex<V>(): PositionIndex<V> {
  let root: Node<V> | undefined;
  let size = 0;
  return {
    get size() {
      return size;
    },
    set(position, value) {
      const held = find(root, position);
      if (held) {
        held.value = value;
        return;
      }
      root = insert(root, { position, priority: priorityOf(position), value, left: undefined, right: undefined });
      size++;
    },
    delete(position) {
      if (!find(root, position)) return false;
      root = remove(root, position);
      size--;
      return true;
    },
    clear() {
      root = undefined;
      size = 0;
    },
    *values() {
      // In order, with the path to the next node on a stack: reading k values costs the tree's height plus k.
      const path: Node<V>[] = [];
      let node = root;
      while (node || path.length > 0) {
        while (node) {
          path.push(node);
          node = node.left;
        }
        const next = path.pop()!;
        yield next.value;
        node = next.right;
      }
    },
    height: () => heightOf(root),
  };
}
