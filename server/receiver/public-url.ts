/**
 * Checks the base URL clients should use when the receiver sits behind a TLS terminator or
 * proxy, and returns it without a trailing slash. Clients append API paths to it, so a query,
 * fragment or credentials would end up in every request they make.
 */
export function parsePublicUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`public URL "${text}" is not a URL: give e.g. https://orders.example.com`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`public URL "${text}" must start with https:// (or http://)`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new Error(`public URL "${url.host}" must not carry a user name or password`);
  }
  if (url.search !== '' || text.includes('?')) {
    throw new Error(`public URL "${text}" must not have a query string`);
  }
  if (url.hash !== '' || text.includes('#')) {
    throw new Error(`public URL "${text}" must not have a fragment (#)`);
  }
  return url.href.replace(/\/+$/, '');
}
