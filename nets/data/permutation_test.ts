import assert from "node:assert/strict";
import { foldIn, key } from "../../core/random.ts";
import { permutation } from "./permutation.ts";

Deno.test("permutation holds every index once", () => {
  for (const n of [0, 1, 2, 7, 1000]) {
    const order = permutation(key(n), n);
    assert.equal(order.length, n);
    const seen = new Uint8Array(n);
    for (const i of order) seen[i]++;
    assert.ok(seen.every((count) => count === 1));
  }
});

Deno.test("permutation is a function of the key", () => {
  assert.deepEqual(permutation(key(3), 500), permutation(key(3), 500));
  assert.notDeepEqual(permutation(key(3), 500), permutation(key(4), 500));
  assert.notDeepEqual(permutation(key(3), 500), permutation(foldIn(key(3), 1), 500));
});

Deno.test("permutation draws each order of three about equally often", () => {
  const counts = new Map<string, number>();
  const draws = 6000;
  for (let i = 0; i < draws; i++) {
    const name = Array.from(permutation(foldIn(key(11), i), 3)).join("");
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  assert.equal(counts.size, 6);
  // Chi-square with 5 degrees of freedom; 20.5 is its 0.999 quantile.
  let chi = 0;
  for (const count of counts.values()) chi += (count - draws / 6) ** 2 / (draws / 6);
  assert.ok(chi < 20.5, `chi-square ${chi}`);
});

Deno.test("permutation rejects a bad length", () => {
  assert.throws(() => permutation(key(0), -1), RangeError);
  assert.throws(() => permutation(key(0), 1.5), RangeError);
});
