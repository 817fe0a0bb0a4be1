/**
 * Where the next page of a feed merged from several tables starts. The feed is ordered by time
 * (newest first), then by source, then by id; for one source, the rows after the cursor are
 * those strictly older, plus — at the cursor's exact time — all rows (`orEqual`, sources
 * ordered after the cursor's) or those with a smaller id (`idBelow`, the cursor's own source).
 */
export interface FeedBound {
  at: Date;
  orEqual: boolean;
  idBelow: string | null;
}
