"""Long calls release the GIL: another Python thread runs while polgraph works; Ctrl-C stops a
run; progress is reported."""

import faulthandler
import fcntl
import os
import signal
import termios
import threading
import time
import unittest

import polgraph
from support import SAMPLE, TempDirTest, corpus, read, run


class GilTest(TempDirTest):
    def test_another_thread_runs_while_extract_waits_for_its_input(self):
        # extract reads "-" (stdin), which only another Python thread writes: were the GIL held
        # while extract waits for it, neither could go on, and the watchdog would end the test.
        faulthandler.dump_traceback_later(120, exit=True)
        self.addCleanup(faulthandler.cancel_dump_traceback_later)
        with open(os.path.join(SAMPLE, "01_chip-rules-tighten.md"), "rb") as f:
            article = f.read()
        # Many times what a pipe holds (64 KiB): the writer must go on while extract reads.
        article += b"\nThe Commerce Department and Nvidia spoke again.\n" * 10000
        self.assertGreater(len(article), 4 * 65536)
        r, w = os.pipe()
        saved = os.dup(0)
        os.dup2(r, 0)
        os.close(r)

        def feed():
            for i in range(0, len(article), 4096):  # Python code between the chunks
                os.write(w, article[i:i + 4096])
            os.close(w)

        writer = threading.Thread(target=feed)
        try:
            writer.start()
            g = polgraph.extract(["-"])
        finally:
            writer.join()
            os.dup2(saved, 0)
            os.close(saved)
        run("extract", "-", "-o", self.path("cli.json"), "-q", stdin=article.decode())
        g.save(self.path("py.json"))
        self.assertEqual(read(self.path("py.json")), read(self.path("cli.json")))

    def test_two_threads_extract_and_query_at_once(self):
        # Each gets the graph and the answers one thread alone gets.
        results = {}

        def work(name):
            g = polgraph.extract(corpus(), jobs=1)
            g.save(self.path(name + ".json"))
            results[name] = g.top(by="pagerank")

        threads = [threading.Thread(target=work, args=(n,)) for n in ("a", "b")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(read(self.path("a.json")), read(self.path("b.json")))
        self.assertEqual(results["a"], results["b"])

    def test_progress_is_reported(self):
        calls = []
        polgraph.extract(corpus(), progress=lambda done, total: calls.append((done, total)))
        self.assertTrue(calls)
        total = calls[-1][1]
        self.assertEqual(calls[-1], (total, total))
        self.assertEqual([c for c in calls if c[1] != total], [])

    def test_ctrl_c_stops_a_run(self):
        # extract waits for stdin, which another thread writes and holds open; that thread
        # sends SIGINT once extract has taken the first bytes, and closes stdin only once the
        # handler has run (or after 10 s). Python runs a signal handler in the main thread when
        # it can: while extract runs only if extract lets it (it wakes up to do so), else only
        # once extract has returned, after stdin is closed.
        faulthandler.dump_traceback_later(120, exit=True)
        self.addCleanup(faulthandler.cancel_dump_traceback_later)
        with open(os.path.join(SAMPLE, "01_chip-rules-tighten.md"), "rb") as f:
            article = f.read()
        r, w = os.pipe()
        saved = os.dup(0)
        os.dup2(r, 0)
        os.close(r)
        handled = threading.Event()
        state = {"closed": False}

        def handler(signum, frame):
            state["closed when handled"] = state["closed"]
            handled.set()
            raise KeyboardInterrupt

        def feed():
            os.write(w, article[:1000])
            while fcntl.ioctl(w, termios.FIONREAD, b"\0\0\0\0") != b"\0\0\0\0":
                time.sleep(0.01)  # extract has not read them yet
            os.kill(os.getpid(), signal.SIGINT)
            handled.wait(10)
            os.write(w, article[1000:])
            state["closed"] = True
            os.close(w)

        previous = signal.signal(signal.SIGINT, handler)
        writer = threading.Thread(target=feed)
        try:
            writer.start()
            with self.assertRaises(KeyboardInterrupt):
                polgraph.extract(["-"])
                time.sleep(1)  # (where the handler runs when extract does not let it)
        finally:
            writer.join()
            signal.signal(signal.SIGINT, previous)
            os.dup2(saved, 0)
            os.close(saved)
        self.assertIs(state["closed when handled"], False)
        # The module is still usable.
        self.assertGreater(polgraph.extract(SAMPLE).node_count, 0)


if __name__ == "__main__":
    unittest.main()
