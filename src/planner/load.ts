import {
  loadScenarioFile as loadFile,
  parseScenarioText as parseText,
  type LoadedScenario as Loaded,
  type ScenarioFormat,
  type ScenarioOverrides,
  type Attachments,
} from '../scenario/load.js';
import { includeSiteTable } from './site-table.js';
import { normalizeScenario } from './normalize-scenario.js';
import type { Scenario } from './scenario.js';
import { scenarioSchema } from './schema.js';

/** The planner's scenario files: the generic network plus sites, regions, services, circuits, VPNs and apps. */
export const PLANNER_FORMAT: ScenarioFormat<Scenario> = { schema: scenarioSchema, normalize: normalizeScenario, include: includeSiteTable };

export type LoadedScenario = Loaded<Scenario>;

/** Read a scenario file (generic or planner's): every command reads scenarios through here. */
export const loadScenarioFile = (file: string, overrides: ScenarioOverrides = {}): LoadedScenario => loadFile(file, overrides, PLANNER_FORMAT);

export const parseScenarioText = (text: string, file: string, overrides: ScenarioOverrides = {}, attachments: Attachments = {}): LoadedScenario =>
  parseText(text, file, overrides, PLANNER_FORMAT, attachments);
