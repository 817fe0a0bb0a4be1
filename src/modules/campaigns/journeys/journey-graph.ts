import { z } from 'zod';

/**
 * A journey as its author writes it: steps named by keys, edges between keys, an entry step.
 * Pure logic (no I/O): the shapes of step configurations, and the checks that a graph can be
 * run (every step reachable, no loop that could spin without a wait, content for every send,
 * both branches of every condition, split percentages summing to 100).
 */

export const STEP_KINDS = ['send', 'wait', 'condition', 'action', 'split', 'exit'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

const uuid = z.guid();
const key = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _ (1 to 64)');
const HH_MM = /^([01]\d|2[0-3]):[0-5]\d$/;

const sendConfig = z.strictObject({
  channel: z.literal('email').default('email'),
  templateId: uuid,
  senderId: uuid.optional(),
  /** A split upstream picks the variant; each may have its own template. */
  variants: z.record(key, z.strictObject({ templateId: uuid, senderId: uuid.optional() })).optional(),
});

const waitConfig = z.union([
  z.strictObject({ durationMinutes: z.number().int().min(1).max(525_600) }),
  z.strictObject({ until: z.iso.datetime({ offset: true }) }),
  /** The next time the lead's own clock shows this (the workspace's timezone when the lead has none). */
  z.strictObject({ localTime: z.string().regex(HH_MM, 'HH:MM') }),
]);

const conditionConfig = z.discriminatedUnion('test', [
  /** Within this campaign's run: a human open / click of one send step's message (or of any). */
  z.strictObject({ test: z.enum(['opened', 'clicked']), stepKey: key.optional() }),
  /** The campaign's goal event since the lead entered the run (within the goal window). */
  z.strictObject({ test: z.literal('converted') }),
  z.strictObject({ test: z.literal('inSegment'), segmentId: uuid }),
  z.strictObject({ test: z.literal('score'), operator: z.enum(['gte', 'gt', 'lte', 'lt', 'eq']), value: z.number().int() }),
  z.strictObject({ test: z.literal('field'), field: z.string().min(1).max(100), operator: z.enum(['equals', 'notEquals', 'contains', 'isSet', 'isNotSet']), value: z.string().max(500).optional() }),
]);

const actionConfig = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('tag'), tag: z.string().trim().min(1).max(50) }),
  z.strictObject({ action: z.literal('setField'), field: z.string().min(1).max(100), value: z.string().max(500).nullable() }),
  /** `secret` is write-only: answers say `secretSet` instead; omitted on a later PUT, the stored one is kept. */
  z.strictObject({ action: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }), secret: z.string().min(16).max(200).optional() }),
]);

const splitConfig = z.strictObject({
  variants: z.array(z.strictObject({ key, percent: z.number().int().min(0).max(100) })).min(2).max(10),
  /** After `afterHours` from the run's start, later arrivals all take the variant with the best rate. */
  winner: z.strictObject({ metric: z.enum(['open', 'click', 'conversion']), afterHours: z.number().int().min(1).max(720) }).optional(),
});

export const STEP_CONFIGS = {
  send: sendConfig,
  wait: waitConfig,
  condition: conditionConfig,
  action: actionConfig,
  split: splitConfig,
  exit: z.strictObject({}),
} satisfies Record<StepKind, z.ZodType>;

export type SendConfig = z.infer<typeof sendConfig>;
export type WaitConfig = z.infer<typeof waitConfig>;
export type ConditionConfig = z.infer<typeof conditionConfig>;
export type ActionConfig = z.infer<typeof actionConfig>;
export type SplitConfig = z.infer<typeof splitConfig>;
export type StepConfig = SendConfig | WaitConfig | ConditionConfig | ActionConfig | SplitConfig | Record<string, never>;

export interface JourneyStepInput {
  key: string;
  kind: StepKind;
  name?: string;
  config?: unknown;
}
export interface JourneyEdgeInput {
  from: string;
  to: string;
  branch: string;
}
export interface JourneyInput {
  entry: string;
  steps: JourneyStepInput[];
  edges: JourneyEdgeInput[];
}

export interface ParsedStep {
  key: string;
  kind: StepKind;
  name: string;
  config: StepConfig;
}
export interface ParsedJourney {
  entry: string;
  steps: ParsedStep[];
  edges: JourneyEdgeInput[];
}

/** One problem, naming the step (by key) and the field it is about. */
export interface JourneyIssue {
  field: string;
  code: string;
  message: string;
  step?: string;
}

/** The branches a step of this kind may leave by. */
export function branchesOf(step: { kind: StepKind; config: StepConfig }): string[] {
  switch (step.kind) {
    case 'condition':
      return ['yes', 'no'];
    case 'split':
      return (step.config as SplitConfig).variants.map((v) => v.key);
    case 'exit':
      return [];
    default:
      return ['next'];
  }
}

/** Parses and checks a journey: its parsed form, or every problem found (each naming its step). */
export function validateJourney(input: JourneyInput): { journey: ParsedJourney; issues: [] } | { journey?: undefined; issues: JourneyIssue[] } {
  const issues: JourneyIssue[] = [];
  const steps: ParsedStep[] = [];
  const index = new Map<string, number>();

  input.steps.forEach((s, i) => {
    const at = `steps[${i}]`;
    if (index.has(s.key)) {
      issues.push({ field: `${at}.key`, code: 'duplicate', step: s.key, message: `Step "${s.key}": another step has this key.` });
      return;
    }
    index.set(s.key, i);
    const parsed = STEP_CONFIGS[s.kind].safeParse(s.config ?? {});
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 5)) {
        const path = issue.path.map(String).join('.');
        const missingContent = s.kind === 'send' && issue.path[0] === 'templateId';
        issues.push({
          field: `${at}.config${path ? `.${path}` : ''}`,
          code: missingContent ? 'missing_content' : 'invalid',
          step: s.key,
          message: missingContent ? `Step "${s.key}" sends nothing: choose its email template.` : `Step "${s.key}": ${path || 'config'} ${issue.message}.`,
        });
      }
      return;
    }
    steps.push({ key: s.key, kind: s.kind, name: s.name?.trim() || s.key, config: parsed.data as StepConfig });
  });
  if (!index.has(input.entry)) issues.push({ field: 'entry', code: 'unknown_step', message: `The entry step "${input.entry}" is not one of the steps.` });
  if (issues.length) return { issues };

  const byKey = new Map(steps.map((s) => [s.key, s]));
  const out = new Map<string, Map<string, string>>(steps.map((s) => [s.key, new Map()]));
  input.edges.forEach((e, i) => {
    const from = byKey.get(e.from);
    if (!from) return issues.push({ field: `edges[${i}].from`, code: 'unknown_step', message: `Edge ${i + 1} leaves from "${e.from}", which is not a step.` });
    if (!byKey.has(e.to)) return issues.push({ field: `edges[${i}].to`, code: 'unknown_step', step: e.from, message: `Step "${e.from}" leads to "${e.to}", which is not a step.` });
    const allowed = branchesOf(from);
    if (!allowed.includes(e.branch)) {
      return issues.push({
        field: `edges[${i}].branch`,
        code: 'invalid_branch',
        step: e.from,
        message: allowed.length ? `Step "${e.from}" (${from.kind}) leaves by ${allowed.map((b) => `"${b}"`).join(', ')}, not "${e.branch}".` : `Step "${e.from}" ends the journey: it cannot lead anywhere.`,
      });
    }
    if (out.get(e.from)!.has(e.branch)) return issues.push({ field: `edges[${i}]`, code: 'duplicate', step: e.from, message: `Step "${e.from}" has two "${e.branch}" edges.` });
    out.get(e.from)!.set(e.branch, e.to);
  });

  for (const s of steps) {
    const at = `steps[${index.get(s.key)}]`;
    if (s.kind === 'condition') {
      const missing = ['yes', 'no'].filter((b) => !out.get(s.key)!.has(b));
      if (missing.length) issues.push({ field: at, code: 'missing_branch', step: s.key, message: `Condition "${s.key}" needs both branches: ${missing.map((b) => `"${b}"`).join(' and ')} missing.` });
    }
    if (s.kind === 'split') {
      const cfg = s.config as SplitConfig;
      const total = cfg.variants.reduce((n, v) => n + v.percent, 0);
      if (total !== 100) issues.push({ field: `${at}.config.variants`, code: 'percent_sum', step: s.key, message: `Split "${s.key}": percentages add up to ${total}, not 100.` });
      const keys = cfg.variants.map((v) => v.key);
      if (new Set(keys).size !== keys.length) issues.push({ field: `${at}.config.variants`, code: 'duplicate', step: s.key, message: `Split "${s.key}" names a variant twice.` });
      const missing = keys.filter((k) => !out.get(s.key)!.has(k));
      if (missing.length) issues.push({ field: at, code: 'missing_branch', step: s.key, message: `Split "${s.key}": variant ${missing.map((b) => `"${b}"`).join(', ')} leads nowhere.` });
    }
    if (s.kind === 'condition') {
      const cfg = s.config as ConditionConfig;
      if ((cfg.test === 'opened' || cfg.test === 'clicked') && cfg.stepKey && byKey.get(cfg.stepKey)?.kind !== 'send') {
        issues.push({ field: `${at}.config.stepKey`, code: 'unknown_step', step: s.key, message: `Condition "${s.key}" looks at "${cfg.stepKey}", which is not a send step.` });
      }
    }
  }

  // Reachability from the entry.
  const seen = new Set<string>([input.entry]);
  const queue = [input.entry];
  while (queue.length) for (const to of out.get(queue.shift()!)!.values()) if (!seen.has(to)) (seen.add(to), queue.push(to));
  for (const s of steps) {
    if (!seen.has(s.key)) issues.push({ field: `steps[${index.get(s.key)}]`, code: 'unreachable', step: s.key, message: `Step "${s.key}" cannot be reached from the entry step "${input.entry}".` });
  }

  // A loop is allowed only through a wait: otherwise a lead would go round it within one tick.
  const looping = cycleWithoutWait(steps, out);
  if (looping) issues.push({ field: `steps[${index.get(looping[0]!)}]`, code: 'cycle_without_wait', step: looping[0], message: `Steps ${looping.map((k) => `"${k}"`).join(' → ')} loop without a wait step.` });

  return issues.length ? { issues } : { journey: { entry: input.entry, steps, edges: input.edges }, issues: [] };
}

/** A cycle among the steps other than waits (as keys, in order), or undefined. */
function cycleWithoutWait(steps: ParsedStep[], out: Map<string, Map<string, string>>): string[] | undefined {
  const kind = new Map(steps.map((s) => [s.key, s.kind]));
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (k: string): string[] | undefined => {
    state.set(k, 'open');
    path.push(k);
    for (const to of out.get(k)!.values()) {
      if (kind.get(to) === 'wait') continue;
      if (state.get(to) === 'open') return path.slice(path.indexOf(to));
      if (!state.has(to)) {
        const found = visit(to);
        if (found) return found;
      }
    }
    path.pop();
    state.set(k, 'done');
    return undefined;
  };
  for (const s of steps) {
    if (s.kind === 'wait' || state.has(s.key)) continue;
    const found = visit(s.key);
    if (found) return found;
  }
  return undefined;
}
