"""Groups JFR execution samples (from `jfr print --events jdk.ExecutionSample`) by who is running.

For each sample, walks the stack from the top frame down and attributes the sample to the first frame
that belongs to a component we care about: Coffer's own packages (by class), then libraries (by package
prefix). Prints the share of samples per owner, and the share per top frame (self time).
"""
import collections
import re
import sys

COMPONENTS = [
    ("io.coffer.", None),  # by class
    ("com.hazelcast.", "hazelcast"),
    ("org.rocksdb.", "rocksdb"),
    ("org.apache.catalina.", "tomcat"),
    ("org.apache.coyote.", "tomcat"),
    ("org.apache.tomcat.", "tomcat"),
    ("org.springframework.security.", "spring-security"),
    ("org.springframework.web.", "spring-web"),
    ("tools.jackson.", "jackson"),
    ("com.fasterxml.jackson.", "jackson"),
    ("javax.crypto.", "jdk-crypto"),
    ("com.sun.crypto.", "jdk-crypto"),
    ("sun.security.", "jdk-crypto"),
    ("io.micrometer.", "micrometer"),
]

FRAME = re.compile(r"^\s+([\w$.]+)\.([\w$<>]+)\(")


def owner(frames):
    for cls, _method in frames:
        for prefix, name in COMPONENTS:
            if cls.startswith(prefix):
                return name if name else cls
    return "other (JDK, GC-free runtime)"


def main():
    samples = []
    frames = None
    for line in sys.stdin:
        if line.startswith("jdk.ExecutionSample"):
            frames = []
            samples.append(frames)
            continue
        match = FRAME.match(line)
        if match and frames is not None:
            frames.append((match.group(1), match.group(2)))
    samples = [s for s in samples if s]
    total = len(samples)
    if total == 0:
        print("no samples")
        return
    by_owner = collections.Counter(owner(s) for s in samples)
    by_top = collections.Counter(f"{s[0][0]}.{s[0][1]}" for s in samples)
    print(f"{total} samples")
    print("  by owner (first interesting frame from the top):")
    for name, count in by_owner.most_common(20):
        print(f"    {100 * count / total:5.1f}%  {name}")
    print("  by top frame (self time):")
    for name, count in by_top.most_common(15):
        print(f"    {100 * count / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()
