/**
 * Most media one product or listing holds: a gallery is shown and reordered whole, so it is
 * bounded (a portal listing takes 20 to 50 photos).
 */
export const GALLERY_MAX = 100;
