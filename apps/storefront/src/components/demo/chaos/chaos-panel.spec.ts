import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { ChaosStatus } from '@/lib/chaos/chaos-admin';
import { ChaosAdminProvider } from './chaos-admin-provider';
import { ChaosHopGroup, ChaosPanel, type HopState } from './chaos-panel';

const NO_FAULTS = { 'request-lost': 0, 'server-failure': 0, 'response-lost': 0, latency: 0 };
const status = (routes: string[], ratePercent = NO_FAULTS, latencyMs = 11_000): ChaosStatus => ({
  ratePercent,
  latencyMs,
  routes,
  counts: { ...NO_FAULTS, 'response-lost': 2, requests: 7, eligible: 5, 'upstream-errors': 0 },
});
const stateOf = (s: ChaosStatus | null): HopState => ({ status: s, error: null, refresh: () => undefined, change: async () => s! });

/** Static markup of `element` with the query client the storefront's layout provides. */
function render(element: ReturnType<typeof createElement>): string {
  return renderToStaticMarkup(createElement(QueryClientProvider, { client: new QueryClient(), children: element }));
}

function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

/** The accessible names of the sliders, as the labels that point at them say. */
function sliderLabels(html: string): string[] {
  const labels = new Map([...html.matchAll(/<label id="[^"]*" for="([^"]+)">([^<]+)<\/label>/g)].map((m) => [m[1], m[2]]));
  return [...html.matchAll(/<input id="([^"]+)"[^>]*type="range"/g)].map((m) => labels.get(m[1]) ?? '?');
}

describe('<ChaosPanel>', () => {
  const panel = (adminUrl: string | null, providerAdminUrl: string | null) =>
    render(createElement(ChaosAdminProvider, { adminUrl, providerAdminUrl, children: createElement(ChaosPanel) }));

  it('when both proxies are configured, shows a group of rates for each hop: "Browser → API" and "API → payment provider"', () => {
    const html = panel('http://localhost:3334/__chaos', 'http://localhost:3341/__chaos');

    expect([...html.matchAll(/data-hop="([^"]+)"/g)].map((m) => m[1])).toEqual(['browser-api', 'api-provider']);
    expect([...html.matchAll(/<h3[^>]*>([^<]+)<\/h3>/g)].map((m) => textOf(m[1]))).toEqual(['Browser → API', 'API → payment provider']);
  });

  it('when only the first proxy is configured, shows its group alone, as before the second hop had one', () => {
    const html = panel('http://localhost:3334/__chaos', null);

    expect([...html.matchAll(/data-hop="([^"]+)"/g)].map((m) => m[1])).toEqual(['browser-api']);
  });

  it('when no proxy is configured, renders nothing', () => {
    expect(panel(null, null)).toBe('');
  });
});

describe('<ChaosHopGroup hop state>', () => {
  it('when the proxy could not reach the server behind it, counts its 502s in the hop’s words', () => {
    const failing = { ...status(['POST /v1/payment_intents']), counts: { ...status([]).counts, 'upstream-errors': 3 } };
    const text = textOf(render(createElement(ChaosHopGroup, { hop: 'api-provider', state: stateOf(failing) })));

    expect(text).toContain('3 answered 502 because the payment sandbox could not be reached.');
    expect(text).not.toContain('the browser itself may send');
  });

  it('for the browser → API hop, has the slow shop, the four order faults and the counts of order attempts', () => {
    const html = render(createElement(ChaosHopGroup, { hop: 'browser-api', state: stateOf(status(['POST /orders'])) }));
    const text = textOf(html);

    expect(sliderLabels(html)).toEqual(['Request lost', 'Server failure', 'Response lost', 'Slow answer']);
    expect(text).toContain('Slow shop: orders take 2 s');
    expect(text).toContain('Hold for (seconds)');
    expect(text).toContain('one order attempt (POST /orders) gets that fault');
    expect(text).toContain('Together: 0 % of order attempts get a fault');
    expect(text).toContain('5 of them order attempts that could get a fault');
    expect(text).toContain('the browser itself may send the request again');
  });

  it('when the proxy makes other requests eligible, names them as they are', () => {
    const text = textOf(render(createElement(ChaosHopGroup, { hop: 'browser-api', state: stateOf(status(['PUT /users/*', 'POST /orders'])) })));

    expect(text).toContain('one request matching PUT /users/*, POST /orders gets that fault');
  });

  it("for the browser → API hop, states the slow shop's hold times without an article that only fits some numbers", () => {
    const text = textOf(render(createElement(ChaosHopGroup, { hop: 'browser-api', state: stateOf(status(['POST /orders'])) })));

    expect(text).toContain('its hold to 2 s');
    expect(text).toContain('goes back to 0 % and its hold to 11 s');
    expect(text).not.toMatch(/\ba \d+ s hold/);
  });

  it('for the API → payment provider hop, has its own labels (no slow shop), settable like the first, and the counts of charges', () => {
    const html = render(
      createElement(ChaosHopGroup, { hop: 'api-provider', state: stateOf(status(['POST /v1/payment_intents'], { ...NO_FAULTS, 'response-lost': 30 }, 4_500)) }),
    );
    const text = textOf(html);

    expect(sliderLabels(html)).toEqual(['Charge request lost', 'Provider failure', 'Charge response lost', 'Slow provider']);
    expect(html).toMatch(/type="range"[^>]*value="30"/);
    expect(text).not.toContain('Slow shop');
    expect(text).toContain('Hold charges for (seconds)');
    expect(text).toContain('one charge attempt (POST /v1/payment_intents) gets that fault');
    expect(text).toContain('The proxy holds the charge for 4.5 s, then forwards it.');
    expect(text).toContain('Together: 30 % of charge attempts get a fault');
    expect(text).toContain('5 of them charge attempts that could get a fault');
    expect(text).toMatch(/Injected 2 times.*Injected 0 times/);
    expect(text).toMatch(/Apply.*All faults off.*Reset counts/);
  });

  it('while the proxy has not answered yet, says it is reading it', () => {
    expect(textOf(render(createElement(ChaosHopGroup, { hop: 'api-provider', state: stateOf(null) })))).toContain("Reading the proxy's settings");
  });
});
