import { createRequire } from 'node:module';

/** The parts of @seald-io/binary-search-tree's internal AVL node that the patch below uses (lib/avltree.js). */
interface AvlNode {
  key?: unknown;
  left: AvlNode | null;
  right: AvlNode | null;
  data: unknown[];
  compareKeys(a: unknown, b: unknown): number;
  checkValueEquality(a: unknown, b: unknown): boolean;
  delete(key: unknown, value?: unknown): AvlNode | undefined;
}

let installed = false;

/**
 * NeDB indexes are AVL trees whose nodes hold every document sharing a key. Removing one document from a node
 * (every update of an indexed field does) copies the node's array through a callback per element: O(n) calls
 * and a new array each time. On a low-cardinality index such as the outbox's `state`, with 16,000 messages
 * pending, each claim and each outcome paid that, and it was the largest single cost of the delivery worker
 * (9 % of the main thread in bench:reminders). Here the value is spliced out in place; the tree's shape does not
 * change, as in the library's code path this replaces. NeDB's indexes compare documents by identity and hold a
 * document once per key, so for them the value is found with indexOf, from the oldest: a queue's claims take its
 * oldest documents, found at once. Other equalities are checked on every value. Nodes with one value, and
 * whole-key deletes, still go through the library.
 *
 * In place is safe because NeDB copies a node's array before any await (Datastore._getCandidatesAsync), and its
 * other readers (betweenBounds, getAll, getMatching with several values) build new arrays.
 */
export function installFastIndexValueDelete(): void {
  if (installed) return;
  installed = true;
  const nedbRequire = createRequire(createRequire(import.meta.url).resolve('@seald-io/nedb'));
  const AVLTree = nedbRequire('@seald-io/binary-search-tree') as { AVLTree: { _AVLTree: { prototype: AvlNode } } };
  const proto = AVLTree.AVLTree._AVLTree.prototype;
  const original = proto.delete;
  // The equality NeDB gives every index's tree (one function, shared: lib/indexes.js), `(a, b) => a === b`.
  const NedbIndex = nedbRequire('@seald-io/nedb/lib/indexes.js') as new (o: { fieldName: string }) => { treeOptions: { checkValueEquality: unknown } };
  const byIdentity = new NedbIndex({ fieldName: '_id' }).treeOptions.checkValueEquality;
  proto.delete = function (this: AvlNode, key: unknown, value?: unknown): AvlNode | undefined {
    if (value !== undefined && Object.prototype.hasOwnProperty.call(this, 'key')) {
      const node = nodeOf(this, key);
      if (!node) return this; // key not found: no change, as in the library
      if (node.data.length > 1) {
        const data = node.data;
        if (node.checkValueEquality === byIdentity) {
          const at = data.indexOf(value);
          if (at >= 0) data.splice(at, 1);
        } else {
          // Every equal value goes, as in the library.
          for (let i = data.length - 1; i >= 0; i--) if (node.checkValueEquality(data[i], value)) data.splice(i, 1);
        }
        return this;
      }
    }
    return original.call(this, key, value);
  };
}

/** The node holding `key` in the tree rooted at `root`, if any. */
function nodeOf(root: AvlNode, key: unknown): AvlNode | null {
  let node: AvlNode | null = root;
  while (node) {
    const c = node.compareKeys(key, node.key);
    if (c === 0) return node;
    node = c < 0 ? node.left : node.right;
  }
  return null;
}
