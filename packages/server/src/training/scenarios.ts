import { readdirSync, readFileSync } from 'node:fs';
import type { Lang } from '@calmdesk/analysis/vocabulary';
import type { TrainingScenarioSummary } from '@calmdesk/contracts';
import { parse } from 'yaml';
import { packageFile } from '../package-root.ts';
import {
  BRANCHES,
  isEnding,
  type ScenarioFile,
  ScenarioFileSchema,
  type ScenarioState,
  targetOf,
} from './scenario-format.ts';

/** A checked scenario: its file, and the most replies a play-through takes. */
export interface Scenario extends ScenarioFile {
  turnsAtMost: number;
}

const FOLDER = 'src/training/scenarios/';
const LANGUAGE_FOLDERS: readonly Lang[] = ['pl', 'et', 'en'];

/** The targets of a state's branches, each once. */
export function targetsOf(state: ScenarioState): string[] {
  return [...new Set(BRANCHES.map((branch) => targetOf(state, branch)))];
}

/**
 * What is wrong with a scenario's graph, in words a trainer can act on: a branch leading nowhere, a
 * state no play-through reaches, a loop (a path that never ends).
 */
export function graphProblems(file: ScenarioFile): string[] {
  const problems: string[] = [];
  if (!file.states[file.start]) problems.push(`start "${file.start}" is not a state`);
  for (const [id, state] of Object.entries(file.states)) {
    for (const target of targetsOf(state)) {
      if (!isEnding(target) && !file.states[target])
        problems.push(
          `state "${id}" leads to "${target}", which is neither a state nor resolved/escalated/lost`,
        );
    }
  }
  if (problems.length > 0) return problems;
  const reached = new Set<string>();
  const onPath = new Set<string>();
  const visit = (id: string, path: string[]) => {
    if (onPath.has(id)) {
      problems.push(`states loop: ${[...path, id].join(' → ')} (every path must end)`);
      return;
    }
    if (reached.has(id)) return;
    reached.add(id);
    onPath.add(id);
    for (const target of targetsOf(file.states[id] as ScenarioState))
      if (!isEnding(target)) visit(target, [...path, id]);
    onPath.delete(id);
  };
  visit(file.start, []);
  for (const id of Object.keys(file.states))
    if (!reached.has(id)) problems.push(`state "${id}" is never reached from "${file.start}"`);
  return problems;
}

/** The most replies from `id` to an ending; the graph has no loop (graphProblems). */
function longestFrom(file: ScenarioFile, id: string): number {
  const state = file.states[id] as ScenarioState;
  return 1 + Math.max(...targetsOf(state).map((t) => (isEnding(t) ? 0 : longestFrom(file, t))));
}

/** Parses and checks one scenario file's text; throws naming the file and what is wrong. */
export function parseScenario(text: string, name: string): Scenario {
  const parsed = ScenarioFileSchema.safeParse(parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`scenario ${name}: ${issue?.path.join('.') || '(file)'}: ${issue?.message}`);
  }
  const problems = graphProblems(parsed.data);
  if (problems.length > 0) throw new Error(`scenario ${name}: ${problems.join('; ')}`);
  return { ...parsed.data, turnsAtMost: longestFrom(parsed.data, parsed.data.start) };
}

function readScenarios(): Scenario[] {
  const scenarios: Scenario[] = [];
  for (const lang of LANGUAGE_FOLDERS) {
    const folder = packageFile(`${FOLDER}${lang}/`);
    for (const name of readdirSync(folder)
      .filter((n) => n.endsWith('.yaml'))
      .sort()) {
      const scenario = parseScenario(readFileSync(new URL(name, folder), 'utf8'), `${lang}/${name}`);
      if (scenario.language !== lang)
        throw new Error(`scenario ${lang}/${name} says language ${scenario.language}`);
      if (`${scenario.id}.yaml` !== `${lang}-${name}`)
        throw new Error(`scenario ${lang}/${name}: its id must be ${lang}-${name.replace(/\.yaml$/, '')}`);
      scenarios.push(scenario);
    }
  }
  return scenarios;
}

// The files ship with the server and never change while it runs: read once, on first use.
let loaded: Map<string, Scenario> | undefined;

/** Every scenario, by language (pl, et, en) then file name. */
export function allScenarios(): Scenario[] {
  loaded ??= new Map(readScenarios().map((s) => [s.id, s]));
  return [...loaded.values()];
}

export function findScenario(id: string): Scenario | undefined {
  allScenarios();
  return loaded?.get(id);
}

export function summaryOf(scenario: Scenario): TrainingScenarioSummary {
  return {
    id: scenario.id,
    language: scenario.language,
    title: scenario.title,
    persona: scenario.persona,
    situation: scenario.situation,
    startAnger: (scenario.states[scenario.start] as ScenarioState).anger,
    turnsAtMost: scenario.turnsAtMost,
  };
}
