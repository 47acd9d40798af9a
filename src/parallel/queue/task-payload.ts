import { z } from 'zod';
import { EVENT_LIST_KINDS } from '../../core/event-list.js';
import { includedNameProblem, overridePathProblem } from '../../scenario/load.js';

/** What a task may carry: a scenario of a few megabytes, a few hundred overrides. */
const MAX_TEXT = 8 * 1024 * 1024;
const MAX_OVERRIDES = 1000;
const MAX_ATTACHMENTS = 16;
import type { Task } from '../task.js';

/** A task as it travels through the queue: data only (the scenario's text, never code), checked on arrival. */
const payload = z.strictObject({
  file: z.string().max(4096),
  text: z.string().max(MAX_TEXT),
  attachments: z
    .record(z.string(), z.string().max(MAX_TEXT))
    .refine((files) => Object.keys(files).length <= MAX_ATTACHMENTS, `at most ${MAX_ATTACHMENTS} included files`)
    .superRefine((files, ctx) => {
      for (const name of Object.keys(files)) {
        const problem = includedNameProblem(name);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `included file ${JSON.stringify(name.slice(0, 100))}: ${problem}` });
      }
    })
    .optional(),
  overrides: z
    .record(z.string(), z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]))
    .refine((o) => Object.keys(o).length <= MAX_OVERRIDES, `at most ${MAX_OVERRIDES} overrides`)
    .superRefine((o, ctx) => {
      for (const path of Object.keys(o)) {
        const problem = overridePathProblem(path);
        if (problem !== undefined) ctx.addIssue({ code: 'custom', message: `override ${JSON.stringify(path.slice(0, 100))}: ${problem}` });
      }
    }),
  variant: z.string().max(200),
  replication: z.number().int().nonnegative(),
  seed: z.number().int().nonnegative(),
  eventList: z.string().refine((k) => (EVENT_LIST_KINDS as readonly string[]).includes(k), 'unknown event list').optional(),
  availabilityOnly: z.boolean().optional(),
  maxEvents: z.number().positive().max(1e15).optional(),
  maxMemory: z.number().positive().max(1e14).optional(),
  timeSeriesInterval: z.number().positive().optional(),
  label: z.string().max(10_000),
});

/** The task's own fields only (not the checked scenario object, nor what a caller added to it). */
export function toPayload(task: Task): z.input<typeof payload> {
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(payload.shape)) if ((task as unknown as Record<string, unknown>)[key] !== undefined) data[key] = (task as unknown as Record<string, unknown>)[key];
  return JSON.parse(JSON.stringify(data)) as z.input<typeof payload>;
}

export function fromPayload(data: unknown): Task {
  const parsed = payload.safeParse(data);
  if (!parsed.success) throw new Error(`not an ersim task: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data as Task;
}
