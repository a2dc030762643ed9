"""Turn the generated Typst source of row 1 into one that reads the row's
values from sys.inputs, and print the --input arguments of the first N rows
(one line per row, shell-quoted). Used by bench/batch.sh."""
import csv, glob, os, shlex, sys

out_dir, data, ctx, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
FIELDS = ["ho_ten", "ngay_sinh", "chuc_vu_dang", "don_vi", "chi_bo", "xep_loai"]
MUC = {"HTXSNV": "Hoàn thành xuất sắc nhiệm vụ", "HTTNV": "Hoàn thành tốt nhiệm vụ",
       "HTNV": "Hoàn thành nhiệm vụ", "KHTNV": "Không hoàn thành nhiệm vụ"}

def esc(s):
    return s.replace("\\", "\\\\").replace('"', '\\"')

with open(data, encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
first = rows[0]
first["muc"] = MUC[first["xep_loai"]]
sources = sorted(p for p in glob.glob(os.path.join(out_dir, "*.typ")) if not p.endswith("style.typ"))
src = open(next(p for p in sources if first["ho_ten"] in open(p, encoding="utf-8").read()), encoding="utf-8").read()
# Longest values first, so a value inside another is not swapped early.
for field in sorted(FIELDS + ["muc"], key=lambda k: -len(first[k])):
    value = esc(first[field])
    if not value:
        continue
    expr = f'sys.inputs.at("{field}")'
    src = src.replace(f'"{value}"', expr)             # a whole literal (code mode)
    src = src.replace(value, f'";#{expr};#"')          # inside a markup literal
with open(os.path.join(out_dir, "main.typ"), "w", encoding="utf-8") as f:
    f.write(src)
for row in rows[:n]:
    row["muc"] = MUC[row["xep_loai"]]
    print(" ".join(shlex.quote(f"--input={k}={row[k]}") for k in FIELDS + ["muc"]))
