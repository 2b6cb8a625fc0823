/**
 * The jobs a user can start from the browser: import a file uploaded from this computer or files already
 * on the server, crawl from seed URLs, and rank the ledger. Each posts to /api/v1/jobs/<kind> and hands the
 * new job to the list.
 */
import { useState } from 'react';
import { apiJson } from '../../api/client.ts';
import type { Job } from '../../api/types.ts';
import { uploadForImport } from '../../api/upload.ts';
import { useAction } from '../../api/useAction.ts';
import { Notice } from '../../components/Notice.tsx';
import { Panel } from '../../components/Panel.tsx';
import { formatCount } from '../../format.ts';

const linesOf = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

export function StartJobForms({ onStarted }: { onStarted: (job: Job) => void }) {
  return (
    <div className="row row-3">
      <ImportForm onStarted={onStarted} />
      <CrawlForm onStarted={onStarted} />
      <RankForm onStarted={onStarted} />
    </div>
  );
}

function useStart(onStarted: (job: Job) => void) {
  const action = useAction();
  const start = (kind: Job['kind'], body: object, reset: () => void) =>
    void action
      .run(async () => {
        const job = await apiJson<Job>(`jobs/${kind}`, { method: 'POST', body });
        onStarted(job);
        return `${kind[0]!.toUpperCase()}${kind.slice(1)} job ${job.id} ${job.state}.`;
      })
      .then((ok) => ok && reset());
  return { action, start };
}

function ImportForm({ onStarted }: { onStarted: (job: Job) => void }) {
  const [paths, setPaths] = useState('');
  const { action, start } = useStart(onStarted);
  return (
    <Panel title="Import" testId="panel-import">
      <UploadForm onStarted={onStarted} />
      <form
        className="job-form"
        onSubmit={(event) => {
          event.preventDefault();
          const list = linesOf(paths);
          if (list.length > 0) start('import', { paths: list }, () => setPaths(''));
        }}
      >
        <label className="field">
          <span className="field-label">Or files and folders on the server (one per line)</span>
          <textarea
            rows={3}
            value={paths}
            spellCheck={false}
            placeholder={'/data/CC-MAIN-2024-10-00001.warc.gz\n/exports/ahrefs-backlinks.csv'}
            data-testid="import-paths"
            onChange={(e) => setPaths(e.currentTarget.value)}
          />
        </label>
        <button type="submit" className="button" disabled={action.busy} data-testid="import-submit">
          Import from the server
        </button>
        <Notice notice={action.notice} error={action.error} testId="import" />
      </form>
    </Panel>
  );
}

/** A file from this computer, sent to the server (which imports it, then deletes its copy). */
function UploadForm({ onStarted }: { onStarted: (job: Job) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [sent, setSent] = useState<number | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const action = useAction();
  return (
    <form
      className="job-form upload-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!file) return;
        setSent(0);
        void action
          .run(async () => {
            const job = await uploadForImport(file, (done) => setSent(done));
            onStarted(job);
            return `Uploaded ${file.name}: import job ${job.id} ${job.state}.`;
          })
          .then((ok) => {
            setSent(null);
            if (!ok) return;
            setFile(null);
            // A file input cannot be cleared through its value: a new one replaces it.
            setInputKey((k) => k + 1);
          });
      }}
    >
      <label className="field">
        <span className="field-label">Upload a file from this computer</span>
        <input
          key={inputKey}
          type="file"
          accept=".warc,.gz,.wat,.html,.htm,.csv,.tsv,.txt,.json"
          data-testid="upload-file"
          onChange={(e) => setFile(e.currentTarget.files?.[0] ?? null)}
        />
      </label>
      <p className="note">
        WARC, WAT, HTML, web graphs and CSV exports (Search Console, Bing, Ahrefs, Majestic, Moz, Semrush);
        the format is detected from the content.
      </p>
      {sent !== null && file && (
        <div className="progress">
          <div className="progress-track">
            <div
              className="progress-fill"
              style={{ width: `${file.size === 0 ? 100 : (100 * sent) / file.size}%` }}
            />
          </div>
          <div className="progress-text">
            Uploading {formatCount(sent)} of {formatCount(file.size)} bytes
          </div>
        </div>
      )}
      <button
        type="submit"
        className="button button-primary"
        disabled={!file || action.busy}
        data-testid="upload-submit"
      >
        Upload and import
      </button>
      <Notice notice={action.notice} error={action.error} testId="upload" />
    </form>
  );
}

function CrawlForm({ onStarted }: { onStarted: (job: Job) => void }) {
  const [seeds, setSeeds] = useState('');
  const [scope, setScope] = useState<'page' | 'site' | 'domain' | 'discover'>('site');
  const [maxPages, setMaxPages] = useState('100');
  const [maxDepth, setMaxDepth] = useState('');
  const { action, start } = useStart(onStarted);
  const numberOrNothing = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined);
  return (
    <Panel title="Crawl" testId="panel-crawl">
      <form
        className="job-form"
        onSubmit={(event) => {
          event.preventDefault();
          const list = linesOf(seeds);
          if (list.length === 0) return;
          const pages = numberOrNothing(maxPages);
          const depth = numberOrNothing(maxDepth);
          start(
            'crawl',
            {
              seeds: list,
              scope,
              ...(pages === undefined ? {} : { maxPages: pages }),
              ...(depth === undefined ? {} : { maxDepth: depth }),
            },
            () => setSeeds(''),
          );
        }}
      >
        <label className="field">
          <span className="field-label">Seed URLs (one per line)</span>
          <textarea
            rows={2}
            value={seeds}
            spellCheck={false}
            placeholder="https://example.com/"
            data-testid="crawl-seeds"
            onChange={(e) => setSeeds(e.currentTarget.value)}
          />
        </label>
        <div className="form-row">
          <label className="field">
            <span className="field-label">Scope</span>
            <select
              value={scope}
              data-testid="crawl-scope"
              onChange={(e) => setScope(e.currentTarget.value as typeof scope)}
            >
              <option value="page">Seed pages only</option>
              <option value="site">Same site (host)</option>
              <option value="domain">Same domain</option>
              <option value="discover">Any host (bounded by max. pages)</option>
            </select>
          </label>
          <label className="field">
            <span className="field-label">Max. pages</span>
            <input
              type="number"
              min={1}
              value={maxPages}
              className="input-narrow"
              data-testid="crawl-max-pages"
              onChange={(e) => setMaxPages(e.currentTarget.value)}
            />
          </label>
          <label className="field">
            <span className="field-label">Max. depth</span>
            <input
              type="number"
              min={0}
              value={maxDepth}
              placeholder="any"
              className="input-narrow"
              data-testid="crawl-max-depth"
              onChange={(e) => setMaxDepth(e.currentTarget.value)}
            />
          </label>
        </div>
        <p className="note">
          Polite and safe: robots.txt, one request per host per second, public addresses only.
        </p>
        <button
          type="submit"
          className="button button-primary"
          disabled={action.busy}
          data-testid="crawl-submit"
        >
          Start crawl
        </button>
        <Notice notice={action.notice} error={action.error} testId="crawl" />
      </form>
    </Panel>
  );
}

function RankForm({ onStarted }: { onStarted: (job: Job) => void }) {
  const [dofollowOnly, setDofollowOnly] = useState(false);
  const { action, start } = useStart(onStarted);
  return (
    <Panel title="Rank" testId="panel-rank">
      <form
        className="job-form"
        onSubmit={(event) => {
          event.preventDefault();
          start('rank', { dofollowOnly }, () => undefined);
        }}
      >
        <p className="note">
          Computes page, host and domain authority (0-100, PageRank over the ledger's live links) for every
          report. Run it after imports and crawls.
        </p>
        <label className="filter filter-check">
          <input
            type="checkbox"
            checked={dofollowOnly}
            onChange={(e) => setDofollowOnly(e.currentTarget.checked)}
          />
          Followed links only
        </label>
        <button
          type="submit"
          className="button button-primary"
          disabled={action.busy}
          data-testid="rank-submit"
        >
          Start rank
        </button>
        <Notice notice={action.notice} error={action.error} testId="rank" />
      </form>
    </Panel>
  );
}
