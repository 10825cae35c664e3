/**
 * The live check (`npm run live-check`, tools/live-check.ts): each step the extension depends on,
 * run against the configured servers with the extension's own clients, within one minute whatever
 * the servers do, leaving nothing behind. I/O comes in through `CheckDeps`.
 */
import { createCubeClient } from '../connectycube/client.ts';
import { describe } from './advice.ts';
import { profileStep, readBackStep, registeredStep, uploadStep } from './book-steps.ts';
import { deleteEntriesStep, endSessionStep, nothingLeftStep } from './cleanup-steps.ts';
import { peopleMeStep, peoplePageStep } from './google-steps.ts';
import { memoryAccountStore } from './memory-store.ts';
import { checkedNet, deadline, raceAbort, type RequestRecord } from './net.ts';
import { subscribeStep, unsubscribeStep } from './push-steps.ts';
import { onTheFlyStep, sessionStep } from './session-steps.ts';
import { configStep } from './steps-config.ts';
import { scratchUdid } from './test-data.ts';
import type { CheckContext, CheckDeps, LiveInput, Report, Step, StepResult } from './types.ts';

/** The whole check, cleanup included, ends within this. */
export const CHECK_DEADLINE_MS = 60_000;
/** The last part of it, kept for removing what the check made. */
export const CLEANUP_MS = 15_000;

/**
 * In order; the cleanup steps run last. A phone sign-in (`firebase_phone` with
 * LIVE_FIREBASE_ID_TOKEN) goes after `sessionStep`, as a step with a client of its own whose
 * session a cleanup step ends, like `onTheFlyStep`'s probe.
 */
export const STEPS: readonly Step[] = [
  configStep,
  sessionStep,
  onTheFlyStep,
  uploadStep,
  readBackStep,
  registeredStep,
  profileStep,
  subscribeStep,
  unsubscribeStep,
  peoplePageStep,
  peopleMeStep,
  deleteEntriesStep,
  nothingLeftStep,
  endSessionStep,
];

export interface RunOptions {
  deadlineMs?: number;
  cleanupMs?: number;
  steps?: readonly Step[];
}

async function runStep(
  step: Step,
  ctx: CheckContext,
  phase: AbortSignal,
  requests: RequestRecord[],
): Promise<StepResult> {
  const base = { id: step.id, title: step.title, required: step.required(ctx), requests };
  const skip = step.skip?.(ctx) ?? null;
  if (skip !== null) return { ...base, outcome: 'skip', detail: skip };
  if (phase.aborted)
    return {
      ...base,
      outcome: 'fail',
      detail: 'not run: the check ran out of time',
      advice: 'see the step that kept it waiting',
    };
  ctx.ran.add(step.id);
  try {
    // Raced against the deadline: a step never outlives its phase, whatever the server does.
    const verdict = await raceAbort(step.run(ctx), phase);
    if (verdict.outcome === 'pass') ctx.passed.add(step.id);
    if (verdict.outcome !== 'fail') return { ...base, ...verdict };
    const { required, ...rest } = verdict;
    return { ...base, ...rest, required: required ?? base.required };
  } catch (error) {
    return { ...base, outcome: 'fail', detail: describe(error), advice: step.advise(error, ctx) };
  }
}

export async function runLiveCheck(
  input: LiveInput,
  deps: CheckDeps,
  options: RunOptions = {},
): Promise<Report> {
  const total = options.deadlineMs ?? CHECK_DEADLINE_MS;
  const main = deadline(deps.net.sleep, total - (options.cleanupMs ?? CLEANUP_MS), total);
  const all = deadline(deps.net.sleep, total, total);
  let phase = main.signal;
  let requests: RequestRecord[] = [];
  const net = checkedNet(
    deps.net,
    () => phase,
    (entry) => requests.push(entry),
  );
  const ctx: CheckContext = {
    input,
    net,
    deps,
    udid: scratchUdid(deps.net.random),
    cube: createCubeClient({ store: memoryAccountStore(), net, now: deps.net.now }),
    account: null,
    secrets: new Set(),
    leftUser: null,
    passed: new Set(),
    ran: new Set(),
    requests: () => requests,
  };
  const steps = options.steps ?? STEPS;
  const ordered = [
    ...steps.filter((step) => step.phase === 'main'),
    ...steps.filter((step) => step.phase === 'cleanup'),
  ];
  const results: StepResult[] = [];
  try {
    for (const step of ordered) {
      if (step.phase === 'cleanup') phase = all.signal;
      requests = [];
      results.push(await runStep(step, ctx, phase, requests));
    }
  } finally {
    main.cancel();
    all.cancel();
  }
  const { config, live } = input;
  return {
    endpoint: config.cubeApiUrl,
    applicationId: config.cubeAppId,
    results,
    secrets: [live.password, live.googleToken, config.cubeAuthKey, ...ctx.secrets],
  };
}
