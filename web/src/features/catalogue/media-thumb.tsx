import { FileText } from 'lucide-react';
import type { Media } from '@/lib/api/types';
import { cn } from '@/lib/utils/cn';
import { srcSetOf, thumbnailOf } from './media-urls';

/** Grid tiles: about a fifth of a wide screen, a third of a tablet, half a phone. */
export const TILE_SIZES = '(min-width: 1024px) 240px, (min-width: 640px) 33vw, 50vw';

/**
 * A square preview: the WebP thumbnail the browser finds right for `sizes` (on the asset's dominant
 * colour while it loads), or a document icon for PDFs. An empty `alt` when a caption next to it
 * already names the asset.
 */
export function MediaThumb({ media, alt, sizes = TILE_SIZES, className }: { media: Media; alt: string; sizes?: string; className?: string }) {
  const src = thumbnailOf(media, 240);
  return (
    <div
      className={cn('flex aspect-square items-center justify-center overflow-hidden bg-surface-sunken', className)}
      style={media.dominantColor ? { backgroundColor: media.dominantColor } : undefined}
    >
      {src ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={src} srcSet={srcSetOf(media)} sizes={sizes} alt={alt} loading="lazy" className="size-full object-cover" />
      ) : (
        <FileText className="size-10 text-fg-muted" {...(alt ? { role: 'img', 'aria-label': alt } : { 'aria-hidden': true })} />
      )}
    </div>
  );
}
