#!/usr/bin/env python3
"""Largest contentful paint of the Reality Portal's pages in headless Chromium (stdlib only).

usage: portal_lcp.py PORTAL_URL [RUNS]
Each load is a fresh page with the browser cache disabled, so every byte comes from the server.
Prints the median LCP of the search page, a listing page, and the reference: the listing's cover
photo opened on its own (the smallest page whose largest paint is the same image).
"""
import json, socket, statistics, subprocess, sys, time, urllib.request

def call(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b'{}').get('value')

def free_port():
    s = socket.socket(); s.bind(('127.0.0.1', 0)); p = s.getsockname()[1]; s.close(); return p

LCP = """const done = arguments[arguments.length - 1];
new PerformanceObserver((l) => { const e = l.getEntries(); done(e[e.length - 1].startTime); })
  .observe({ type: 'largest-contentful-paint', buffered: true });"""

def main():
    portal, runs = sys.argv[1].rstrip('/'), int(sys.argv[2]) if len(sys.argv) > 2 else 15
    port = free_port()
    driver = subprocess.Popen(['chromedriver', f'--port={port}'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wd = f'http://127.0.0.1:{port}'
    for _ in range(100):
        try: call('GET', wd + '/status'); break
        except Exception: time.sleep(0.1)
    try:
        def measure(url):
            caps = {'capabilities': {'alwaysMatch': {'browserName': 'chrome', 'goog:chromeOptions': {
                'binary': '/usr/bin/chromium', 'args': ['--headless=new', '--no-sandbox', '--disable-gpu',
                '--disable-dev-shm-usage', '--window-size=1280,900', '--disable-application-cache', '--incognito']}}}}
            sid = call('POST', wd + '/session', caps)['sessionId']
            s = f'{wd}/session/{sid}'
            try:
                call('POST', f'{s}/goog/cdp/execute', {'cmd': 'Network.setCacheDisabled', 'params': {'cacheDisabled': True}})
                call('POST', s + '/url', {'url': url})
                return call('POST', s + '/execute/async', {'script': LCP, 'args': []}), s
            finally:
                pass
        def series(url):
            values = []
            for _ in range(runs):
                value, s = measure(url)
                call('DELETE', s)
                values.append(value)
            return statistics.median(values)
        # Find a listing and its cover from the search page.
        caps_url = portal + '/en/'
        html = urllib.request.urlopen(caps_url).read().decode()
        listing = html.split('href="/en/listings/')[1].split('"')[0]
        detail_html = urllib.request.urlopen(f'{portal}/en/listings/{listing}').read().decode()
        photo = detail_html.split('<img src="/photos/')[1].split('"')[0]
        result = {
            'search_ms': series(portal + '/en/'),
            'detail_ms': series(f'{portal}/en/listings/{listing}'),
            'reference_photo_ms': series(f'{portal}/photos/{photo}'),
        }
        result['search_ratio'] = result['search_ms'] / result['reference_photo_ms']
        result['detail_ratio'] = result['detail_ms'] / result['reference_photo_ms']
        print(json.dumps({k: round(v, 2) for k, v in result.items()}))
    finally:
        driver.terminate()

if __name__ == '__main__':
    main()
