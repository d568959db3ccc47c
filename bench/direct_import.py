#!/usr/bin/env python3
# Direct VictoriaMetrics import in 200-point requests over 20 keep-alive connections (4 processes x 5 threads),
# the request shape of `falcon bench transfer --batch 200 --connections 20`, for BENCHMARKS.md. Loopback only, stops after 10 s.
import http.client, multiprocessing as mp, time, threading, sys
def worker(conns, duration, q, base_ts):
    counts=[0]*conns
    def lane(k):
        c=http.client.HTTPConnection("127.0.0.1",18428)
        i=k; end=time.time()+duration
        while time.time()<end:
            start=(i*200)%100000; ts=base_ts+i
            body="".join(f'dl_metric_{(start+j)%20}{{endpoint="dl-host-{(start+j)//20:06d}"}} {j} {ts}\n' for j in range(200)).encode()
            c.request("POST","/api/v1/import/prometheus",body); r=c.getresponse(); r.read()
            if r.status!=204: raise SystemExit(r.status)
            counts[k]+=200; i+=conns*8
    ts=[threading.Thread(target=lane,args=(k,)) for k in range(conns)]
    [t.start() for t in ts]; [t.join() for t in ts]; q.put(sum(counts))
if __name__=="__main__":
    procs=4; per=5; dur=10; q=mp.Queue(); base=int(time.time()*1000)-3600000
    ps=[mp.Process(target=worker,args=(per,dur,q,base+p)) for p in range(procs)]
    s=time.time(); [p.start() for p in ps]; tot=sum(q.get() for _ in ps); [p.join() for p in ps]
    print(f"{tot} points in {time.time()-s:.2f}s = {tot/(time.time()-s):,.0f} points/s over {procs*per} connections")
