# Sequential keep-alive requests to one URL; prints p50/p99/max in ms. Usage: latency.py host port path n [header]
import http.client, sys, time
host, port, path, n = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
headers = {"Apitoken": '{"name":"bench","sig":"bench-token"}'}
c = http.client.HTTPConnection(host, port)
for _ in range(50):
    c.request("GET", path, headers=headers); r = c.getresponse(); r.read()
lat = []
for _ in range(n):
    t = time.perf_counter(); c.request("GET", path, headers=headers); r = c.getresponse(); r.read(); lat.append((time.perf_counter() - t) * 1000)
    assert r.status == 200, r.status
lat.sort()
print(f"{path[:60]:60s} n={n} p50={lat[n//2]:.2f}ms p99={lat[int(n*0.99)]:.2f}ms max={lat[-1]:.2f}ms partial={r.getheader('X-Falcon-Partial')}")
