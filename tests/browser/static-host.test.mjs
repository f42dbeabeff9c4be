// On a plain static host, unknown paths are answered by 404.html (with
// status 404): the build ships it as the app, so deep links still work.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useSite } from './support/fixture.mjs';

const env = useSite({ mode: '404' });

describe('plain static host with 404.html', () => {
  test('deep links and reloads open the right page', async () => {
    env.allowed = [/status of 404/];
    const site = await env.open('/countries/turkiye');
    assert.equal(await site.heading(), 'Türkiye');
    await site.page.reload();
    await site.ready();
    assert.equal(await site.heading(), 'Türkiye');
    await site.goto('/no/such/page');
    assert.equal(await site.heading(), 'Page not found');
    await site.page.close();
  });
});
