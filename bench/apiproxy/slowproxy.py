# A loopback HTTP proxy that answers after a fixed delay: plays a slow datacenter for the apiproxy benchmark.
import http.client, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
listen, target, delay = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def log_message(self, *a): pass
    def handle_one(self, method):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        time.sleep(delay)
        c = http.client.HTTPConnection("127.0.0.1", target)
        c.request(method, self.path, body=body, headers={k: v for k, v in self.headers.items() if k.lower() != "host"})
        r = c.getresponse(); data = r.read()
        self.send_response(r.status)
        self.send_header("Content-Type", r.getheader("Content-Type") or "application/json")
        self.send_header("Content-Length", str(len(data))); self.end_headers(); self.wfile.write(data)
    def do_GET(self): self.handle_one("GET")
    def do_POST(self): self.handle_one("POST")
ThreadingHTTPServer(("127.0.0.1", listen), H).serve_forever()
