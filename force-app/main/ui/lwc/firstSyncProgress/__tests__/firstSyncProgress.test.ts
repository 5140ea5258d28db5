import FirstSyncProgress, { isActive, POLL_INTERVAL_MS } from 'c/firstSyncProgress';
import type { InitialSyncProgress } from 'c/settingsModel';
import getProgress from '@salesforce/apex/TaskSyncController.getProgress';
import { byId, flush, label, labelWith, mount, shadow, textOf, unmountAll } from 'test/lwcSupport';
import doneFixture from './data/TaskSyncController.getProgress.json';
import runningFixture from './data/TaskSyncController.getProgress.running.json';

jest.mock('@salesforce/apex/TaskSyncController.getProgress', () => ({ default: jest.fn() }), { virtual: true });

const mockGetProgress = getProgress as unknown as jest.Mock;

const DONE = doneFixture as InitialSyncProgress;
const RUNNING = runningFixture as InitialSyncProgress;

type ProgressElement = HTMLElement & { progress: InitialSyncProgress | null };
type Valued = HTMLElement & { value: number };

function progressOf(change: Partial<InitialSyncProgress>): InitialSyncProgress {
  return { ...DONE, ...change };
}

function render(progress: InitialSyncProgress | null): { element: ProgressElement; finished: jest.Mock } {
  const element = mount<ProgressElement>('c-first-sync-progress', FirstSyncProgress, { progress });
  const finished = jest.fn();
  element.addEventListener('finished', finished);
  return { element, finished };
}

function count(element: Element, id: 'queued' | 'already-synced' | 'failed'): number {
  return byId<Valued>(element, `count-${id}`)!.value;
}

function counts(element: Element): number[] {
  return [count(element, 'queued'), count(element, 'already-synced'), count(element, 'failed')];
}

function progressBar(element: Element): Valued | null {
  return shadow(element).querySelector<Valued>('lightning-progress-bar');
}

/** Lets the poll's Apex answer settle and LWC re-render, under fake timers (no timer involved). */
function settle(): Promise<void> {
  return [1, 2, 3, 4, 5].reduce<Promise<void>>((chain) => chain.then(() => undefined), Promise.resolve());
}

/** Lets the next poll fire and its answer render. */
async function nextPoll(): Promise<void> {
  jest.advanceTimersByTime(POLL_INTERVAL_MS);
  await settle();
}

describe('c-first-sync-progress', () => {
  afterEach(() => {
    unmountAll();
    jest.clearAllMocks();
    jest.useRealTimers();
  });

  describe('rendering', () => {
    it('renders nothing when there is no first sync', async () => {
      const { element } = render(null);
      await flush();

      expect(byId(element, 'progress')).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows a queued run with its state and "queued" count, without a progress bar', async () => {
      const { element } = render(progressOf({ state: 'queued', queued: 0, chunksProcessed: null, chunksTotal: null }));
      await flush();

      expect(textOf(element, 'state')).toBe(labelWith('SiSync_Task_ProgressState', label('SiSync_Task_StateQueued')));
      expect(textOf(element, 'count-queued-label')).toBe(label('SiSync_Task_CountQueued'));
      expect(progressBar(element)).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('shows a running run with a progress bar, its parts and counts', async () => {
      const { element } = render(RUNNING);
      await flush();

      expect(textOf(element, 'state')).toBe(labelWith('SiSync_Task_ProgressState', label('SiSync_Task_StateRunning')));
      expect(progressBar(element)!.value).toBe(50);
      expect(textOf(element, 'chunks')).toBe(labelWith('SiSync_Task_Chunks', 2, 4));
      expect(textOf(element, 'count-queued-label')).toBe(label('SiSync_Task_CountQueued'));
      expect(counts(element)).toEqual([120, 4, 0]);
      await expect(element).toBeAccessible();
    });

    it('shows 0 % while the number of parts is not known yet', async () => {
      const { element } = render(progressOf({ state: 'running', chunksProcessed: null, chunksTotal: null }));
      await flush();

      expect(progressBar(element)!.value).toBe(0);
    });

    it('says a done run handed its tasks over for delivery instead of "queued"', async () => {
      const { element } = render(DONE);
      await flush();

      expect(textOf(element, 'state')).toBe(labelWith('SiSync_Task_ProgressState', label('SiSync_Task_StateDone')));
      expect(textOf(element, 'count-queued-label')).toBe(label('SiSync_Task_CountHandedOver'));
      expect(textOf(element, 'count-queued-label')).not.toBe(label('SiSync_Task_CountQueued'));
      expect(counts(element)).toEqual([42, 3, 1]);
      expect(progressBar(element)).toBeNull();
      await expect(element).toBeAccessible();
    });

    it('says when the run replays the deletions of the last 15 days', async () => {
      const { element } = render(progressOf({ replaysDeletes: true }));
      await flush();

      expect(textOf(element, 'deletes')).toBe(label('SiSync_Task_ReplaysDeletes'));
    });

    it('says when the run replays no deletions', async () => {
      const { element } = render(progressOf({ replaysDeletes: false }));
      await flush();

      expect(textOf(element, 'deletes')).toBe(label('SiSync_Task_NoDeleteReplay'));
    });

    it('shows why a run failed, with the "handed over" count', async () => {
      const failed = progressOf({ state: 'failed', lastError: 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Due date required' });
      const { element } = render(failed);
      await flush();

      expect(textOf(element, 'state')).toBe(labelWith('SiSync_Task_ProgressState', label('SiSync_Task_StateFailed')));
      expect(textOf(element, 'last-error')).toBe(
        labelWith('SiSync_Task_LastError', 'FIELD_CUSTOM_VALIDATION_EXCEPTION: Due date required'),
      );
      expect(textOf(element, 'count-queued-label')).toBe(label('SiSync_Task_CountHandedOver'));
      await expect(element).toBeAccessible();
    });

    it('words a run stopped because sync was turned off, unknown counts as zero and no last error', async () => {
      const stopped = progressOf({
        state: 'stopped',
        queued: null,
        alreadySynced: null,
        failed: null,
        lastError: 'only shown when failed',
      });
      const { element } = render(stopped);
      await flush();

      expect(textOf(element, 'state')).toBe(labelWith('SiSync_Task_ProgressState', label('SiSync_Task_StateStopped')));
      expect(counts(element)).toEqual([0, 0, 0]);
      expect(byId(element, 'last-error')).toBeNull();
      await expect(element).toBeAccessible();
    });
  });

  describe('polling', () => {
    it('reads the progress again after POLL_INTERVAL_MS while the run goes on', async () => {
      jest.useFakeTimers();
      mockGetProgress.mockResolvedValue(progressOf({ state: 'running', chunksProcessed: 3, queued: 150 }));
      const { element } = render(RUNNING);

      jest.advanceTimersByTime(POLL_INTERVAL_MS - 1);
      await settle();
      expect(mockGetProgress).not.toHaveBeenCalled();

      jest.advanceTimersByTime(1);
      await settle();
      expect(mockGetProgress).toHaveBeenCalledTimes(1);
      expect(progressBar(element)!.value).toBe(75);
      expect(count(element, 'queued')).toBe(150);
    });

    it('keeps reading while the run goes on, one read after the other', async () => {
      jest.useFakeTimers();
      mockGetProgress.mockResolvedValue(RUNNING);
      render(RUNNING);

      await nextPoll();
      await nextPoll();
      await nextPoll();

      expect(mockGetProgress).toHaveBeenCalledTimes(3);
    });

    it('fires finished and stops reading once a read finds the run done', async () => {
      jest.useFakeTimers();
      mockGetProgress.mockResolvedValue(DONE);
      const { element, finished } = render(RUNNING);

      await nextPoll();
      expect(finished).toHaveBeenCalledTimes(1);
      expect(textOf(element, 'state')).toBe(labelWith('SiSync_Task_ProgressState', label('SiSync_Task_StateDone')));
      expect(textOf(element, 'count-queued-label')).toBe(label('SiSync_Task_CountHandedOver'));

      await nextPoll();
      await nextPoll();
      expect(mockGetProgress).toHaveBeenCalledTimes(1);
      expect(finished).toHaveBeenCalledTimes(1);
    });

    it('fires finished when the run is gone', async () => {
      jest.useFakeTimers();
      mockGetProgress.mockResolvedValue(null);
      const { element, finished } = render(RUNNING);

      await nextPoll();

      expect(finished).toHaveBeenCalledTimes(1);
      expect(byId(element, 'progress')).toBeNull();
    });

    it('does not read a run that is over', async () => {
      jest.useFakeTimers();
      render(progressOf({ state: 'failed', lastError: 'boom' }));

      await nextPoll();
      await nextPoll();

      expect(mockGetProgress).not.toHaveBeenCalled();
    });

    it('stops reading when it is removed', async () => {
      jest.useFakeTimers();
      const { element } = render(progressOf({ state: 'queued' }));

      element.remove();
      await nextPoll();
      await nextPoll();

      expect(mockGetProgress).not.toHaveBeenCalled();
    });

    it("says so with the server's message when the progress cannot be read, and stops reading", async () => {
      jest.useFakeTimers();
      mockGetProgress.mockRejectedValue({ body: { message: 'Sales Insight Sync could not read the progress: boom' } });
      const { element, finished } = render(RUNNING);

      await nextPoll();
      expect(textOf(element, 'progress-error')).toBe('Sales Insight Sync could not read the progress: boom');
      await nextPoll();
      expect(mockGetProgress).toHaveBeenCalledTimes(1);
      expect(finished).not.toHaveBeenCalled();

      jest.useRealTimers();
      await expect(element).toBeAccessible();
    });

    it('falls back to its own message when the failure has none', async () => {
      jest.useFakeTimers();
      mockGetProgress.mockRejectedValue({});
      const { element } = render(RUNNING);

      await nextPoll();

      expect(textOf(element, 'progress-error')).toBe(label('SiSync_Task_ProgressError'));
    });

    it('clears a read error when a new progress arrives', async () => {
      jest.useFakeTimers();
      mockGetProgress.mockRejectedValue({});
      const { element } = render(RUNNING);
      await nextPoll();

      element.progress = progressOf({ state: 'running', chunksProcessed: 3 });
      await settle();

      expect(byId(element, 'progress-error')).toBeNull();
    });

    it('ignores the answer of a read that a new progress superseded', async () => {
      jest.useFakeTimers();
      let answer: (value: unknown) => void = () => undefined;
      mockGetProgress.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
      const { element, finished } = render(RUNNING);

      jest.advanceTimersByTime(POLL_INTERVAL_MS);
      element.progress = progressOf({ state: 'running', chunksProcessed: 3 });
      answer(DONE);
      await settle();

      expect(textOf(element, 'state')).toBe(labelWith('SiSync_Task_ProgressState', label('SiSync_Task_StateRunning')));
      expect(progressBar(element)!.value).toBe(75);
      expect(finished).not.toHaveBeenCalled();
    });

    it('ignores a failed read that a new progress superseded', async () => {
      jest.useFakeTimers();
      let fail: (reason: unknown) => void = () => undefined;
      mockGetProgress.mockImplementationOnce(() => new Promise((_resolve, reject) => (fail = reject)));
      const { element } = render(RUNNING);

      jest.advanceTimersByTime(POLL_INTERVAL_MS);
      element.progress = progressOf({ state: 'running', chunksProcessed: 3 });
      fail({ body: { message: 'late' } });
      await settle();

      expect(byId(element, 'progress-error')).toBeNull();
    });
  });

  describe('isActive', () => {
    it('is true only for a queued or running run', () => {
      expect(isActive(null)).toBe(false);
      expect(
        ['queued', 'running', 'done', 'failed', 'stopped'].map((state) => isActive(progressOf({ state } as Partial<InitialSyncProgress>))),
      ).toEqual([true, true, false, false, false]);
    });
  });
});
