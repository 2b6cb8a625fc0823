/**
 * Downloads from the API. Without a token a plain `<a download href>` is best (the browser streams the
 * file to disk, however large); with one, the browser cannot add the Authorization header to a link, so the
 * file is fetched with it and saved through an object URL.
 */
import { apiResponse, type Query } from './client.ts';

function fileNameOf(response: Response, fallback: string): string {
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
  return match?.[1] ? decodeURIComponent(match[1]) : fallback;
}

export async function downloadViaFetch(path: string, query: Query, fallbackName: string): Promise<void> {
  const response = await apiResponse(path, { query });
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileNameOf(response, fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; revoking later keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
