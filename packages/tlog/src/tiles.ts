import { concatBytes } from "./bytes.ts";
import { HASH_SIZE } from "./hash.ts";

/**
 * C2SP tlog-tiles: the tree is cut into tiles of height 8 (256 hashes wide). A level-L tile holds
 * the hashes of tree level 8L; entry bundles hold the entries themselves. Full tiles never change,
 * so any web server or CDN can cache them forever.
 */
export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;

/** A tile: `level` -1 is an entry bundle; `width` 1..256 (256 = full). */
export interface TileRef {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** `N` as the spec's path: 3-digit groups, every group but the last prefixed with x. */
export function encodeTileIndex(index: number): string {
  const digits = String(index);
  const groups: string[] = [];
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end));
  return groups
    .map((group, i) => (i < groups.length - 1 ? `x${group.padStart(3, "0")}` : group.padStart(3, "0")))
    .join("/");
}

/** The path below the log prefix: `tile/<L>/<N>[.p/<W>]` or `tile/entries/<N>[.p/<W>]`. */
export function tilePath(tile: TileRef): string {
  const level = tile.level < 0 ? "entries" : String(tile.level);
  const partial = tile.width < TILE_WIDTH ? `.p/${tile.width}` : "";
  return `tile/${level}/${encodeTileIndex(tile.index)}${partial}`;
}

/** Parses a path below `tile/`; undefined when it is not a well-formed tile path. */
export function parseTilePath(path: string): TileRef | undefined {
  const match = /^(entries|0|[1-9][0-9]?)\/((?:x[0-9]{3}\/)*[0-9]{3})(?:\.p\/([1-9][0-9]{0,2}))?$/.exec(path);
  if (match === null) return undefined;
  const [, levelText, indexText, widthText] = match;
  if (levelText === undefined || indexText === undefined) return undefined;
  const groups = indexText.split("/").map((group) => group.replace(/^x/, ""));
  // Canonical form only: no leading zero groups (except the single group of a small index).
  if (groups.length > 1 && groups[0] === "000") return undefined;
  const index = Number(groups.join(""));
  if (!Number.isSafeInteger(index)) return undefined;
  const width = widthText === undefined ? TILE_WIDTH : Number(widthText);
  if (widthText !== undefined && width >= TILE_WIDTH) return undefined;
  return { level: levelText === "entries" ? -1 : Number(levelText), index, width };
}

/**
 * Width of tile `index` at `level` in a tree of `size` leaves: 256 when full, less for the right
 * edge, 0 when the tile does not exist yet. Entry bundles (level -1) count like level 0.
 */
export function tileWidth(size: number, level: number, index: number): number {
  const nodes = Math.floor(size / TILE_WIDTH ** Math.max(level, 0));
  return Math.max(0, Math.min(TILE_WIDTH, nodes - index * TILE_WIDTH));
}

/** Entry bundle: each entry as a big-endian uint16 length followed by its bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  return concatBytes(
    ...entries.flatMap((entry) => {
      if (entry.length > 0xffff) throw new Error(`log entry of ${entry.length} bytes exceeds 65535`);
      return [new Uint8Array([entry.length >> 8, entry.length & 0xff]), entry];
    }),
  );
}

export function decodeEntryBundle(bundle: Uint8Array): Uint8Array[] | undefined {
  const entries: Uint8Array[] = [];
  let offset = 0;
  while (offset < bundle.length) {
    if (offset + 2 > bundle.length) return undefined;
    const length = ((bundle[offset] ?? 0) << 8) | (bundle[offset + 1] ?? 0);
    offset += 2;
    if (offset + length > bundle.length) return undefined;
    entries.push(bundle.slice(offset, offset + length));
    offset += length;
  }
  return entries;
}

/** Splits a hash tile into its hashes. */
export function decodeHashTile(tile: Uint8Array): Uint8Array[] | undefined {
  if (tile.length % HASH_SIZE !== 0) return undefined;
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < tile.length; i += HASH_SIZE) hashes.push(tile.slice(i, i + HASH_SIZE));
  return hashes;
}
