/** Saves or opens a PDF fetched with the bearer token (a plain link could not send it). */
export function openBlob(blob: Blob, filename: string, mode: 'open' | 'download'): void {
  const url = URL.createObjectURL(blob);
  if (mode === 'open') {
    window.open(url, '_blank', 'noopener');
  } else {
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.click();
  }
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
