#!/usr/bin/env python3
"""Convert Prometheus PromQL test scripts (.test) into promtool unit-test files, for timing comparisons.

Each run of `eval instant` commands over the same loaded data becomes one promtool test group: the loaded series
(expanded to explicit values at a common interval) as `input_series`, each eval as a `promql_expr_test`. Range evals,
evals expecting failures, warnings or info, and anything with native histograms are left out. The output measures how
long promtool takes for the same evaluations; its pass/fail is not the point (promtool 2.x has Prometheus 2 range
semantics).

usage: promqltest_to_promtool.py OUT_DIR FILE.test...
"""
import json
import math
import os
import re
import sys

UNITS = {"ms": 1, "s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000, "w": 604_800_000, "y": 31_536_000_000}


def duration_ms(text):
    text = text.strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text) * 1000
    total = 0
    for number, unit in re.findall(r"(\d+)(ms|s|m|h|d|w|y)", text):
        total += int(number) * UNITS[unit]
    return total


def number(text):
    lowered = text.lower().lstrip("+")
    if lowered in ("inf", "-inf", "nan"):
        return float(lowered)
    return float(text)


def expand(values):
    """Expanding notation → list of values (None = missing, 'stale' = stale marker)."""
    out = []
    for token in values.split():
        match = re.fullmatch(r"([-+]?[^x+\-]+|[-+]?\d[\d.e]*)([+-][^x]+)x(\d+)", token)
        if token == "_":
            out.append(None)
        elif token == "stale":
            out.append("stale")
        elif re.fullmatch(r"_x\d+", token):
            out.extend([None] * int(token[2:]))
        elif match:
            start, step, count = number(match.group(1)), number(match.group(2)), int(match.group(3))
            value = start
            for _ in range(count + 1):
                out.append(value)
                value += step
        elif re.fullmatch(r"[^x]+x\d+", token):
            base, count = token.rsplit("x", 1)
            out.extend([number(base)] * (int(count) + 1))
        else:
            out.append(number(token))
    return out


def split_series(line):
    """`metric{a="b c"} 1 2` → ('metric{a="b c"}', '1 2')."""
    depth, quote = 0, None
    for index, char in enumerate(line):
        if quote:
            if char == "\\":
                continue
            if char == quote:
                quote = None
        elif char in "\"'`":
            quote = char
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif char.isspace() and depth == 0:
            return line[:index], line[index:].strip()
    return line, ""


def format_value(value):
    if value is None:
        return "_"
    if value == "stale":
        return "stale"
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Inf" if value > 0 else "-Inf"
    return repr(value)


class Converter:
    def __init__(self):
        self.groups = []
        self.series = {}  # name -> {t: value}
        self.intervals = set()
        self.pending = []

    def flush(self):
        if not self.pending:
            return
        interval = 0
        for value in self.intervals:
            interval = math.gcd(interval, value)
        interval = interval or 60_000
        inputs = []
        for name, points in self.series.items():
            if not points:
                continue
            last = max(points) // interval
            values = [format_value(points.get(i * interval)) for i in range(last + 1)]
            inputs.append({"series": name, "values": " ".join(values)})
        self.groups.append(
            {"interval": f"{interval}ms", "input_series": inputs, "promql_expr_test": self.pending})
        self.pending = []

    def convert(self, path):
        lines = open(path, encoding="utf-8").read().split("\n")
        index = 0
        while index < len(lines):
            line = lines[index].strip()
            index += 1
            if not line or line.startswith("#"):
                continue
            if line.startswith("load"):
                self.flush()
                parts = line.split()
                interval = duration_ms(parts[1])
                skip = parts[0] != "load"
                while index < len(lines) and lines[index].strip() and lines[index][:1].isspace():
                    name, values = split_series(lines[index].strip())
                    index += 1
                    if skip or "{{" in values:
                        continue
                    points = self.series.setdefault(name, {})
                    for position, value in enumerate(expand(values)):
                        if value is not None:
                            points[position * interval] = value
                self.intervals.add(interval)
            elif line == "clear":
                self.flush()
                self.series, self.intervals = {}, set()
            elif line.startswith("eval"):
                block = []
                while index < len(lines) and lines[index].strip():
                    if not lines[index].strip().startswith("#"):
                        block.append(lines[index].strip())
                    index += 1
                match = re.match(r"^eval(?:_(fail|warn|ordered|info))?\s+instant\s+at\s+(\S+)\s+(.+)$", line)
                if not match or match.group(1) in ("fail", "warn", "info"):
                    continue
                if any(entry.startswith("expect") and not entry.startswith("expect ordered") for entry in block):
                    continue
                if "{{" in line or any("{{" in entry for entry in block):
                    continue
                samples = []
                for entry in block:
                    if entry.startswith("expect"):
                        continue
                    name, value = split_series(entry)
                    if not value:  # a bare scalar result: promtool compares vectors only
                        samples = None
                        break
                    labels = name if name.startswith("{") or "{" in name else name + "{}"
                    samples.append({"labels": labels, "value": number(value.split()[0])})
                if samples is None:
                    continue
                self.pending.append({"expr": match.group(3), "eval_time": match.group(2), "exp_samples": samples})
        self.flush()


def to_yaml(value):
    """JSON-style flow YAML (strings double-quoted), with YAML's spellings of NaN and the infinities."""
    if isinstance(value, dict):
        return "{" + ", ".join(json.dumps(key) + ": " + to_yaml(item) for key, item in value.items()) + "}\n"
    if isinstance(value, list):
        return "[" + ", ".join(to_yaml(item).rstrip("\n") for item in value) + "]"
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    return json.dumps(value)


def main():
    out_dir, files = sys.argv[1], sys.argv[2:]
    os.makedirs(out_dir, exist_ok=True)
    total = 0
    for path in files:
        converter = Converter()
        converter.convert(path)
        total += sum(len(group["promql_expr_test"]) for group in converter.groups)
        target = os.path.join(out_dir, os.path.basename(path).replace(".test", ".yml"))
        with open(target, "w", encoding="utf-8") as handle:
            handle.write(to_yaml({"rule_files": [], "evaluation_interval": "1m", "tests": converter.groups}))
    print(f"{total} instant evals converted into {len(files)} files in {out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
