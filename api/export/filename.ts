/**
 * A Content-Disposition that carries a Chinese file name (RFC 6266): `filename*` in UTF-8
 * (RFC 5987), which every current browser uses, and an ASCII `filename` for clients that read
 * only that (curl -J). Characters no file system takes become `_`.
 */
export function attachment(name: string): string {
  const safe = name.replace(/[\p{Cc}/\\:*?"<>|]/gu, '_').trim();
  return `attachment; filename="${asciiFallback(safe)}"; filename*=UTF-8''${rfc5987(safe)}`;
}

/** The ASCII of the name with each run of anything else as one `_`, and "export" if no stem is left. */
function asciiFallback(name: string): string {
  const dot = name.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  const ascii = stem
    .replace(/[^\x20-\x7E]+/g, '_')
    // Some clients percent-decode even the plain parameter.
    .replace(/%/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_\s]+|[_\s]+$/g, '');
  return `${ascii || 'export'}${ext}`;
}

// encodeURIComponent leaves ' ( ) * and ! unescaped; RFC 5987's attr-char admits only the last.
const rfc5987 = (name: string) =>
  encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
