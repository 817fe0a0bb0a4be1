/** A gallery's order after moving the item at `from` to `to` (both clamped to the list). */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  if (from < 0 || from >= out.length) return out;
  const [item] = out.splice(from, 1);
  out.splice(Math.max(0, Math.min(to, out.length)), 0, item!);
  return out;
}

/** The main photo: the first image of the gallery (documents are skipped), or none. */
export function mainPhotoId(items: readonly { id: string; kind: string }[]): string | undefined {
  return items.find((m) => m.kind === 'image')?.id;
}

/** The order that makes `id` the main photo: first, everything else as it was. */
export function withFirst(ids: readonly string[], id: string): string[] {
  return [id, ...ids.filter((x) => x !== id)];
}
