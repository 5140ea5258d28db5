/**
 * The preview as the workbench serves it: built in the background (so `/healthz` and the emulator
 * never wait for it), rebuilt when its sources change, its scenarios checked before the workbench
 * starts — a scenario naming a missing fixture stops `npm start` with the file to add.
 */
import { buildPreview, hashFiles, previewSources, type PreviewBuild } from './build.ts';
import { resolveAllScenarios, resolveScenario, SCENARIOS, type Scenario, type ScenarioData } from './scenarios.ts';

/** Where the build stands. */
export type PreviewState =
  | { readonly status: 'building'; readonly sinceMs: number }
  | { readonly status: 'ready'; readonly build: PreviewBuild }
  | { readonly status: 'failed'; readonly message: string };

/** Builds, caches and answers for the settings-page preview of one repository. */
export class PreviewService {
  #state: PreviewState = { status: 'building', sinceMs: Date.now() };
  private running: Promise<void> | undefined;

  /**
   * @param root the repository root
   * @param build the bundler (tests pass a stand-in)
   * @throws Error when a scenario names a missing fixture (nothing is built then)
   */
  constructor(
    readonly root: string,
    private readonly build: (root: string) => Promise<PreviewBuild> = buildPreview,
    readonly scenarios: readonly Scenario[] = SCENARIOS,
  ) {
    resolveAllScenarios(root, scenarios);
  }

  /** Starts a build unless one runs; resolves when it ends (callers may ignore the promise). */
  start(): Promise<void> {
    if (this.running) return this.running;
    this.#state = { status: 'building', sinceMs: Date.now() };
    this.running = this.build(this.root).then(
      (build) => {
        this.#state = { status: 'ready', build };
      },
      (error: unknown) => {
        this.#state = { status: 'failed', message: error instanceof Error ? error.message : String(error) };
      },
    );
    void this.running.finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** The state as last seen, without looking at the sources (the bundle request follows its page). */
  current(): PreviewState {
    return this.#state;
  }

  /** The state now; a ready build whose sources changed since starts a rebuild and reports building. */
  state(): PreviewState {
    if (this.#state.status === 'ready' && !this.running && hashFiles(this.root, previewSources(this.root)) !== this.#state.build.hash) {
      void this.start();
    }
    return this.#state;
  }

  /** The data the page embeds for a scenario (the first one when `id` is unknown), read fresh from the fixtures. */
  scenarioData(id: string | null): ScenarioData {
    const scenario = this.scenarios.find((candidate) => candidate.id === id) ?? this.scenarios[0];
    if (!scenario) throw new Error('The preview has no scenarios.');
    return resolveScenario(this.root, scenario);
  }
}
