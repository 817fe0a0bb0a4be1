import { assertMove, CAMPAIGN_STATUSES, canMove } from './campaign-status.js';
import { CampaignError } from './campaigns.errors.js';

describe('campaign status transitions', () => {
  it('allows the life of a campaign and nothing else', () => {
    const allowed = CAMPAIGN_STATUSES.flatMap((from) => CAMPAIGN_STATUSES.filter((to) => canMove(from, to)).map((to) => `${from}→${to}`));
    expect(allowed.sort()).toEqual(
      [
        'draft→scheduled', 'draft→running', 'draft→cancelled', 'draft→archived',
        'scheduled→draft', 'scheduled→running', 'scheduled→cancelled',
        'running→paused', 'running→completed', 'running→cancelled',
        'paused→running', 'paused→cancelled',
        'completed→archived', 'cancelled→archived',
      ].sort(),
    );
  });

  it('refuses with a 409 naming both ends', () => {
    expect(() => assertMove('archived', 'running')).toThrow(CampaignError);
    try {
      assertMove('completed', 'paused');
    } catch (err) {
      expect(err).toMatchObject({ status: 409, code: 'CAMPAIGN_TRANSITION_INVALID', message: 'A completed campaign cannot become paused.', errors: [{ field: 'status', message: 'completed → paused' }] });
    }
    expect.assertions(2);
  });
});
