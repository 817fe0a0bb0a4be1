import { CampaignError } from './campaigns.errors.js';

export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled', 'archived'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

/** Where each status may go. running ⇄ paused; completed, cancelled and draft may be archived; archived is final. */
const NEXT: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['scheduled', 'running', 'cancelled', 'archived'],
  scheduled: ['draft', 'running', 'cancelled'],
  running: ['paused', 'completed', 'cancelled'],
  paused: ['running', 'cancelled'],
  completed: ['archived'],
  cancelled: ['archived'],
  archived: [],
};

export function canMove(from: CampaignStatus, to: CampaignStatus): boolean {
  return NEXT[from].includes(to);
}

/** 409 naming both ends when the move is not allowed. */
export function assertMove(from: CampaignStatus, to: CampaignStatus): void {
  if (!canMove(from, to)) {
    throw new CampaignError('CAMPAIGN_TRANSITION_INVALID', `A ${from} campaign cannot become ${to}.`, [{ field: 'status', code: 'invalid_transition', message: `${from} → ${to}` }]);
  }
}

/** A journey is changed only while no lead moves through it. */
export const JOURNEY_EDITABLE: readonly CampaignStatus[] = ['draft', 'scheduled', 'paused'];
