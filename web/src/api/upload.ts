/**
 * Uploading a file to import (POST /api/v1/jobs/upload, the raw file as the body). XMLHttpRequest rather
 * than fetch because it reports upload progress, which a multi-gigabyte WARC needs; the server streams the
 * body to disk and answers with the queued import job.
 */
import { currentToken, requestToken } from './auth.ts';
import { ApiError, apiUrl, authHeaders } from './client.ts';
import type { ApiErrorBody, Job } from './types.ts';

export function uploadForImport(file: File, onProgress: (sent: number, total: number) => void): Promise<Job> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', apiUrl('jobs/upload', { filename: file.name }));
    for (const [name, value] of Object.entries(authHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (event) =>
      onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onerror = () =>
      reject(new ApiError(0, 'NETWORK', 'The upload could not reach the linkledger server.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // Not JSON: reported by status below.
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as Job);
      if (xhr.status === 401) requestToken(currentToken() ? 'rejected' : 'missing');
      if (xhr.status === 403) requestToken('forbidden');
      const error = (body as Partial<ApiErrorBody> | null)?.error;
      reject(
        new ApiError(
          xhr.status,
          error?.code ?? 'HTTP',
          error?.message ?? `The server answered ${xhr.status} ${xhr.statusText || 'to the upload'}.`,
        ),
      );
    };
    xhr.send(file);
  });
}
