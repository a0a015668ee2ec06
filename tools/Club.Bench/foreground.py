#!/usr/bin/env python3
"""Runs a benchmark in the foreground of a shared machine: the benchmark at nice -15, every other process
pushed to nice 19 while it runs. Needs root and the scheduler's autogroups off
(echo 0 > /proc/sys/kernel/sched_autogroup_enabled), or nice values count only within a terminal session.
Usage: foreground.py MARKER_REGEX cmd...  Processes whose command line matches MARKER (the benchmark's
throwaway folders, whose embedded PostgreSQL is not its child) and their descendants count as the benchmark's.
Example: tools/Club.Bench/foreground.py 'club-scan-wrk|club-bench' tools/Club.Bench/scan-wrk.sh 15 32"""
import os, re, subprocess, sys, time
marker = re.compile(sys.argv[1]); cmd = sys.argv[2:]
p = subprocess.Popen(cmd, preexec_fn=lambda: os.nice(-15))
def procs():
    out = {}
    for d in os.listdir('/proc'):
        if not d.isdigit(): continue
        try:
            st = open(f'/proc/{d}/stat').read(); r = st.rfind(')'); f = st[r+2:].split()
            cl = open(f'/proc/{d}/cmdline','rb').read().replace(b'\0',b' ').decode(errors='replace')
            out[int(d)] = (int(f[1]), int(f[16]), cl)  # ppid, nice, cmdline
        except Exception: pass
    return out
me = os.getpid()
while p.poll() is None:
    ps = procs(); mine = {me, p.pid}
    changed = True
    while changed:
        changed = False
        for pid,(ppid,ni,cl) in ps.items():
            if pid not in mine and (ppid in mine or (cl and marker.search(cl))):
                mine.add(pid); changed = True
    for pid,(ppid,ni,cl) in ps.items():
        if pid in (1,2) or ppid == 2 or not cl: continue
        try:
            if pid in mine:
                if ni != -15: os.setpriority(os.PRIO_PROCESS, pid, -15)
            elif ni >= 0 and ni != 19: os.setpriority(os.PRIO_PROCESS, pid, 19)
        except Exception: pass
    time.sleep(0.5)
sys.exit(p.returncode)
