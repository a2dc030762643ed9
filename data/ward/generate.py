#!/usr/bin/env python3
"""Synthetic data for Đảng bộ phường Giang Biên: 20 chi bộ, 1,000 đảng viên.

Every name, date and rating is invented. Deterministic (random.Random(2025)),
standard library only. Run from anywhere:

    python3 data/ward/generate.py

Writes, beside this file (UTF-8, NFC, header row):
  chi-bo.csv        ma, chi_bo, bi_thu, so_dang_vien
  dang-vien.csv     one row per member (columns in COLUMNS)
  context-2019.yaml shared values for a batch under HD 21 (2019 forms, year 2021)
  context-2025.yaml shared values for a batch under HD 43 (2025 forms)
small.csv (6 members, for tests) is written by hand and not touched here.

Rules the data keeps:
  - the bí thư in chi-bo.csv is the member of that chi bộ whose chuc_vu_dang
    is exactly "Bí thư chi bộ" (one per chi bộ);
  - so_dang_vien equals the number of rows of that chi bộ in dang-vien.csv;
  - chi ủy by size (Điều lệ Đảng): < 9 members bí thư + phó bí thư,
    9-29 a chi ủy of 3, >= 30 a chi ủy of 5;
  - he_thong_chinh_tri "không" for members outside the political system
    (retirees, students, private business, cooperative): the 2025 Mẫu 2C group;
  - lanh_dao "có" for leadership/management posts (heads and deputies of the
    ward's bodies, school heads and heads of subject groups, police team
    leaders) and for the bí thư and phó bí thư of every chi bộ;
  - ratings overall 10 % HTXSNV, 70 % HTTNV, 18 % HTNV, 2 % KHTNV; in every
    chi bộ HTXSNV <= 20 % of HTTNV except the two in OVER_CAP, which exceed it
    (QĐ 366 Điều 11), so a summary sheet has something to flag; no leader is
    rated HTNV or KHTNV.
"""

import csv
import os
import random
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = random.Random(2025)

DANG_BO = "Đảng bộ phường Giang Biên"
N_MEMBERS = 1000

COLUMNS = [
    "stt", "ho_ten", "gioi_tinh", "ngay_sinh", "chi_bo", "chuc_vu_dang",
    "chuc_vu_chinh_quyen", "chuc_vu_doan_the", "don_vi", "lanh_dao",
    "he_thong_chinh_tri", "xep_loai",
]

# ---------------------------------------------------------------- names

FAMILY = [  # approximate national shares, Huỳnh/Võ lower in the north
    ("Nguyễn", 36), ("Trần", 11), ("Lê", 9.5), ("Phạm", 7), ("Hoàng", 5),
    ("Huỳnh", 1.5), ("Phan", 4), ("Vũ", 4), ("Võ", 1.5), ("Đặng", 2.2),
    ("Bùi", 2.2), ("Đỗ", 2.2), ("Hồ", 1.2), ("Ngô", 1.4), ("Dương", 1.1),
    ("Lý", 0.5),
]
MIDDLE_M = [
    ("Văn", 30), ("Đức", 8), ("Minh", 8), ("Quang", 6), ("Thanh", 4),
    ("Xuân", 4), ("Hữu", 5), ("Mạnh", 4), ("Công", 4), ("Trọng", 3),
    ("Tiến", 2), ("Đình", 5), ("Ngọc", 3), ("Hồng", 2), ("Việt", 2),
    ("Anh", 2), ("Duy", 2), ("Hoài", 1), ("Kim", 1),
]
MIDDLE_F = [
    ("Thị", 40), ("Thu", 6), ("Ngọc", 5), ("Hồng", 4), ("Thanh", 5),
    ("Xuân", 3), ("Minh", 3), ("Phương", 2), ("Kim", 2), ("Bích", 2),
    ("Thúy", 2), ("Hải", 1), ("Diệu", 1), ("Mai", 1), ("Lan", 1),
]
GIVEN_M = [
    "Hùng", "Dũng", "Tuấn", "Minh", "Hải", "Nam", "Sơn", "Thắng", "Long",
    "Cường", "Hưng", "Quân", "Trung", "Bình", "Thành", "Phong", "Đạt",
    "Hiếu", "Khánh", "Tùng", "Việt", "Thịnh", "Toàn", "Lâm", "Huy", "Đông",
    "Tiến", "Thuận", "Chiến", "Lợi", "Hòa", "Tâm", "Quang", "Vinh", "Hoàng",
    "Kiên", "Nghĩa", "Phúc", "Thái", "Tú", "Đức", "Hiệp", "Lực", "Khải",
    "Bảo", "Duy", "Sang", "Thọ", "Trường", "Quý",
]
GIVEN_F = [
    "Lan", "Hương", "Hoa", "Mai", "Hạnh", "Hằng", "Thảo", "Nga", "Dung",
    "Huyền", "Linh", "Trang", "Yến", "Thủy", "Loan", "Phương", "Vân", "Hà",
    "Liên", "Nhung", "Oanh", "Tuyết", "Quyên", "Ngân", "Hiền", "Thơm",
    "Cúc", "Tâm", "Hồng", "Anh", "Chi", "Ly", "Nhàn", "Thoa", "Xuân",
    "Bích", "Duyên", "Giang", "Hậu", "Ngọc", "Thanh", "Vui", "Hòa",
]

_used_names = set()


def nfc(s):
    return unicodedata.normalize("NFC", s)


def pick(pairs):
    items, weights = zip(*pairs)
    return RNG.choices(items, weights=weights)[0]


def make_name(gender, year):
    """A name not used before in the ward; older women mostly "Thị"."""
    for _ in range(100):
        family = pick(FAMILY)
        if gender == "Nam":
            middle = pick(MIDDLE_M)
            given = RNG.choice(GIVEN_M)
        else:
            middle = "Thị" if year < 1965 and RNG.random() < 0.8 else pick(MIDDLE_F)
            if middle == "Thị" and year >= 1965 and RNG.random() < 0.1:
                middle = pick(MIDDLE_F)
            given = RNG.choice(GIVEN_F)
        if middle == given or family == given:
            continue
        parts = [family, middle, given]
        # Younger women often carry two middle names ("Nguyễn Thị Thu Hà").
        if gender == "Nữ" and middle == "Thị" and year >= 1965 and RNG.random() < 0.25:
            second = RNG.choice(["Thu", "Ngọc", "Minh", "Thanh", "Hồng", "Kim", "Bích", "Phương"])
            if second != given:
                parts = [family, middle, second, given]
        name = nfc(" ".join(parts))
        if name not in _used_names:
            _used_names.add(name)
            return name
    raise RuntimeError("could not find an unused name")


def make_date(year_lo, year_hi):
    year = RNG.randint(year_lo, year_hi)
    month = RNG.randint(1, 12)
    days = [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
    return year, f"{RNG.randint(1, days):02d}/{month:02d}/{year}"


# ---------------------------------------------------------------- chi bộ

N_KDC = 11
KDC = [f"Chi bộ Khu dân cư số {i}" for i in range(1, N_KDC + 1)]

# Cơ quan chi bộ: name, size, workplace, in the political system, and the
# roster of posts (post, count, lanh_dao, gender bias, birth-year range).
# Posts listed first fill first; "" is a plain member of staff.
AGENCIES = [
    ("Chi bộ Cơ quan Đảng - Đoàn thể", 14, None, True, [
        # (chuc_vu_chinh_quyen, chuc_vu_doan_the, chuc_vu_dang, don_vi, lanh_dao, n, years)
        ("", "", "Bí thư Đảng ủy phường", "Đảng ủy phường Giang Biên", True, 1, (1968, 1975)),
        ("", "", "Phó Bí thư Thường trực Đảng ủy phường", "Đảng ủy phường Giang Biên", True, 1, (1970, 1978)),
        ("", "Chủ tịch Ủy ban MTTQ Việt Nam phường", "", "Ủy ban MTTQ Việt Nam phường Giang Biên", True, 1, (1966, 1975)),
        ("", "Phó Chủ tịch Ủy ban MTTQ Việt Nam phường", "", "Ủy ban MTTQ Việt Nam phường Giang Biên", True, 1, (1972, 1985)),
        ("", "Chủ tịch Hội Liên hiệp Phụ nữ phường", "", "Hội Liên hiệp Phụ nữ phường Giang Biên", True, 1, (1975, 1986)),
        ("", "Chủ tịch Hội Cựu chiến binh phường", "", "Hội Cựu chiến binh phường Giang Biên", True, 1, (1963, 1968)),
        ("", "Bí thư Đoàn phường", "", "Đoàn TNCS Hồ Chí Minh phường Giang Biên", True, 1, (1990, 1996)),
        ("", "", "", "Văn phòng Đảng ủy phường Giang Biên", False, 4, (1980, 1998)),
        ("", "Phó Bí thư Đoàn phường", "", "Đoàn TNCS Hồ Chí Minh phường Giang Biên", True, 1, (1994, 2000)),
        ("", "Phó Chủ tịch Hội Liên hiệp Phụ nữ phường", "", "Hội Liên hiệp Phụ nữ phường Giang Biên", True, 1, (1978, 1990)),
        ("", "Phó Chủ tịch Hội Cựu chiến binh phường", "", "Hội Cựu chiến binh phường Giang Biên", True, 1, (1962, 1966)),
    ]),
    ("Chi bộ Cơ quan UBND phường", 26, None, True, [
        ("Chủ tịch UBND phường", "", "Phó Bí thư Đảng ủy phường", "UBND phường Giang Biên", True, 1, (1970, 1978)),
        ("Phó Chủ tịch UBND phường", "", "Đảng ủy viên", "UBND phường Giang Biên", True, 2, (1972, 1983)),
        ("Chánh Văn phòng HĐND và UBND phường", "", "", "UBND phường Giang Biên", True, 1, (1978, 1986)),
        ("Công chức Văn phòng - Thống kê", "", "", "UBND phường Giang Biên", False, 3, (1980, 1998)),
        ("Công chức Tài chính - Kế toán", "", "", "UBND phường Giang Biên", False, 2, (1980, 1996)),
        ("Công chức Tư pháp - Hộ tịch", "", "", "UBND phường Giang Biên", False, 3, (1982, 1998)),
        ("Công chức Địa chính - Xây dựng - Đô thị và Môi trường", "", "", "UBND phường Giang Biên", False, 4, (1978, 1997)),
        ("Công chức Văn hóa - Xã hội", "", "", "UBND phường Giang Biên", False, 3, (1983, 1999)),
        ("Viên chức Bộ phận Một cửa", "", "", "UBND phường Giang Biên", False, 3, (1985, 2000)),
        ("Công chức Văn phòng - Thống kê", "Bí thư Chi đoàn cơ quan", "", "UBND phường Giang Biên", False, 1, (1994, 2000)),
        ("Công chức Tài chính - Kế toán", "", "", "UBND phường Giang Biên", False, 3, (1975, 1990)),
    ]),
    ("Chi bộ Công an phường", 32, None, True, [
        ("Trưởng Công an phường", "", "Đảng ủy viên", "Công an phường Giang Biên", True, 1, (1975, 1982)),
        ("Phó Trưởng Công an phường", "", "", "Công an phường Giang Biên", True, 3, (1978, 1988)),
        ("Tổ trưởng Tổ Cảnh sát khu vực", "", "", "Công an phường Giang Biên", True, 4, (1982, 1992)),
        ("Cảnh sát khu vực", "", "", "Công an phường Giang Biên", False, 14, (1985, 2000)),
        ("Cán bộ Tổ Tổng hợp", "", "", "Công an phường Giang Biên", False, 5, (1988, 2000)),
        ("Cán bộ Tổ An ninh", "", "", "Công an phường Giang Biên", False, 5, (1986, 2000)),
    ]),
    ("Chi bộ Quân sự phường", 9, None, True, [
        ("Chỉ huy trưởng Ban Chỉ huy Quân sự phường", "", "Đảng ủy viên", "Ban Chỉ huy Quân sự phường Giang Biên", True, 1, (1975, 1984)),
        ("Chỉ huy phó Ban Chỉ huy Quân sự phường", "", "", "Ban Chỉ huy Quân sự phường Giang Biên", True, 2, (1980, 1990)),
        ("Trung đội trưởng Dân quân cơ động", "", "", "Ban Chỉ huy Quân sự phường Giang Biên", True, 2, (1988, 1998)),
        ("Thôn đội trưởng", "", "", "Ban Chỉ huy Quân sự phường Giang Biên", False, 4, (1970, 1995)),
    ]),
    ("Chi bộ Trạm Y tế phường", 7, None, True, [
        ("Trạm trưởng Trạm Y tế phường", "", "", "Trạm Y tế phường Giang Biên", True, 1, (1972, 1982)),
        ("Phó Trạm trưởng Trạm Y tế phường", "", "", "Trạm Y tế phường Giang Biên", True, 1, (1978, 1988)),
        ("Bác sĩ", "", "", "Trạm Y tế phường Giang Biên", False, 1, (1985, 1995)),
        ("Y sĩ", "", "", "Trạm Y tế phường Giang Biên", False, 2, (1980, 1995)),
        ("Điều dưỡng", "", "", "Trạm Y tế phường Giang Biên", False, 2, (1985, 1998)),
    ]),
    ("Chi bộ Trường Mầm non Giang Biên", 11, "F", True, [
        ("Hiệu trưởng", "", "", "Trường Mầm non Giang Biên", True, 1, (1972, 1980)),
        ("Phó Hiệu trưởng", "", "", "Trường Mầm non Giang Biên", True, 2, (1978, 1988)),
        ("Tổ trưởng chuyên môn", "", "", "Trường Mầm non Giang Biên", True, 2, (1980, 1990)),
        ("Giáo viên", "Chủ tịch Công đoàn trường", "", "Trường Mầm non Giang Biên", False, 1, (1980, 1990)),
        ("Giáo viên", "", "", "Trường Mầm non Giang Biên", False, 4, (1985, 2000)),
        ("Kế toán", "", "", "Trường Mầm non Giang Biên", False, 1, (1985, 1995)),
    ]),
    ("Chi bộ Trường Tiểu học Giang Biên", 15, "F", True, [
        ("Hiệu trưởng", "", "", "Trường Tiểu học Giang Biên", True, 1, (1970, 1978)),
        ("Phó Hiệu trưởng", "", "", "Trường Tiểu học Giang Biên", True, 2, (1976, 1986)),
        ("Tổ trưởng chuyên môn", "", "", "Trường Tiểu học Giang Biên", True, 3, (1978, 1990)),
        ("Giáo viên", "Chủ tịch Công đoàn trường", "", "Trường Tiểu học Giang Biên", False, 1, (1978, 1988)),
        ("Giáo viên", "Bí thư Chi đoàn trường", "", "Trường Tiểu học Giang Biên", False, 1, (1994, 2000)),
        ("Giáo viên", "", "", "Trường Tiểu học Giang Biên", False, 6, (1980, 2000)),
        ("Kế toán", "", "", "Trường Tiểu học Giang Biên", False, 1, (1982, 1995)),
    ]),
    ("Chi bộ Trường THCS Giang Biên", 17, None, True, [
        ("Hiệu trưởng", "", "", "Trường THCS Giang Biên", True, 1, (1968, 1976)),
        ("Phó Hiệu trưởng", "", "", "Trường THCS Giang Biên", True, 2, (1975, 1985)),
        ("Tổ trưởng chuyên môn", "", "", "Trường THCS Giang Biên", True, 3, (1976, 1988)),
        ("Giáo viên", "Chủ tịch Công đoàn trường", "", "Trường THCS Giang Biên", False, 1, (1976, 1986)),
        ("Giáo viên", "Bí thư Chi đoàn trường", "", "Trường THCS Giang Biên", False, 1, (1993, 2000)),
        ("Giáo viên", "", "", "Trường THCS Giang Biên", False, 8, (1978, 2000)),
        ("Nhân viên Thư viện - Thiết bị", "", "", "Trường THCS Giang Biên", False, 1, (1985, 1998)),
    ]),
    # A cooperative is outside the political system: its members use Mẫu 2C.
    ("Chi bộ Hợp tác xã Dịch vụ tổng hợp Giang Biên", 8, None, False, [
        ("", "", "", "Hợp tác xã Dịch vụ tổng hợp Giang Biên", False, 8, (1960, 1992)),
    ]),
]

# Chi bộ whose HTXSNV count exceeds 20 % of HTTNV.
OVER_CAP = ["Chi bộ Trạm Y tế phường", "Chi bộ Khu dân cư số 7"]

# Residential chi bộ: where members work (or not). All outside the political system.
KDC_WORK = [
    ("Nghỉ hưu", 74, (1940, 1966)),
    ("Kinh doanh tự do", 10, (1960, 1995)),
    ("Công ty TNHH Thương mại Long Biên", 2, (1975, 1996)),
    ("Công ty Cổ phần Xây dựng Sông Đuống", 2, (1970, 1995)),
    ("Công ty TNHH Điện tử Việt Hưng", 2, (1980, 1998)),
    ("Lao động tự do", 4, (1965, 1990)),
    ("Sinh viên Trường Đại học Sư phạm Hà Nội", 1.5, (2000, 2002)),
    ("Sinh viên Học viện Nông nghiệp Việt Nam", 1.5, (2000, 2002)),
    ("Nội trợ", 3, (1955, 1985)),
]
KDC_DOAN_THE = [
    "Chi hội trưởng Hội Cựu chiến binh", "Chi hội trưởng Hội Phụ nữ",
    "Chi hội trưởng Hội Người cao tuổi", "Trưởng Ban công tác Mặt trận",
    "Chi hội trưởng Hội Khuyến học", "Chi hội phó Hội Cựu chiến binh",
]


def kdc_sizes(total):
    """Split `total` unevenly over the residential chi bộ (largest remainder)."""
    weights = [RNG.uniform(0.55, 1.6) for _ in KDC]
    raw = [total * w / sum(weights) for w in weights]
    sizes = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - sizes[i], reverse=True)
    for i in order[: total - sum(sizes)]:
        sizes[i] += 1
    return sizes


def committee_posts(n):
    """Chi ủy posts by size: [bí thư, phó bí thư, chi ủy viên …]."""
    if n < 9:
        return ["Bí thư chi bộ", "Phó Bí thư chi bộ"]
    if n < 30:
        return ["Bí thư chi bộ", "Phó Bí thư chi bộ", "Chi ủy viên"]
    return ["Bí thư chi bộ", "Phó Bí thư chi bộ", "Chi ủy viên", "Chi ủy viên", "Chi ủy viên"]


def member(gender, years, chi_bo, **kw):
    year, date = make_date(*years)
    row = dict(ho_ten=make_name(gender, year), gioi_tinh=gender, ngay_sinh=date, chi_bo=chi_bo,
               chuc_vu_dang="", chuc_vu_chinh_quyen="", chuc_vu_doan_the="", don_vi="",
               lanh_dao="không", he_thong_chinh_tri="không", xep_loai="")
    row.update(kw)
    return row


def gender_for(bias, p_male=0.55):
    if bias == "F":  # school staff, kindergarten most of all
        return "Nữ" if RNG.random() < 0.9 else "Nam"
    return "Nam" if RNG.random() < p_male else "Nữ"


def build_agency(name, size, bias, in_system, roster):
    rows = []
    for cq, dt, dang, don_vi, lead, n, years in roster:
        for _ in range(n):
            p_male = 0.85 if ("Công an" in name or "Quân sự" in name) else 0.5
            g = gender_for(bias, p_male)
            if "Quân sự" in name or ("Cựu chiến binh" in dt and RNG.random() < 0.9):
                g = "Nam"
            if "Phụ nữ" in dt:
                g = "Nữ"
            rows.append(member(g, years, name, chuc_vu_chinh_quyen=cq, chuc_vu_doan_the=dt,
                               chuc_vu_dang=dang, don_vi=don_vi,
                               lanh_dao="có" if lead else "không",
                               he_thong_chinh_tri="có" if in_system else "không"))
    assert len(rows) == size, (name, len(rows), size)
    # Chi ủy: the bí thư is the head (first row) except in the cơ quan Đảng
    # chi bộ, where the Chủ tịch MTTQ is; then the next free posts.
    posts = committee_posts(size)
    head = 2 if name.startswith("Chi bộ Cơ quan Đảng") else 0
    free = [head] + [i for i in range(len(rows)) if i != head and not rows[i]["chuc_vu_dang"]]
    for post, i in zip(posts, free):
        rows[i]["chuc_vu_dang"] = post
        if post != "Chi ủy viên":
            rows[i]["lanh_dao"] = "có"
    if not in_system:
        rows[0]["chuc_vu_chinh_quyen"] = ""
    return rows


def build_kdc(name, size):
    rows = []
    for _ in range(size):
        w, _, years = RNG.choices(KDC_WORK, weights=[p for _, p, _ in KDC_WORK])[0]
        g = "Nữ" if w == "Nội trợ" else gender_for(None, 0.56)
        rows.append(member(g, years, name, don_vi=w))
    # Chi ủy from the retirees born 1950 or later; the bí thư is a man more
    # often than not.
    retirees = [i for i, r in enumerate(rows) if r["don_vi"] == "Nghỉ hưu" and int(r["ngay_sinh"][-4:]) >= 1950]
    RNG.shuffle(retirees)
    retirees.sort(key=lambda i: (rows[i]["gioi_tinh"] != "Nam" and RNG.random() < 0.7))
    for post, i in zip(committee_posts(size), retirees):
        rows[i]["chuc_vu_dang"] = post
        if post != "Chi ủy viên":
            rows[i]["lanh_dao"] = "có"
    # Mass-organisation posts for a few members without a Party post.
    free = [i for i, r in enumerate(rows) if not r["chuc_vu_dang"] and r["don_vi"] in ("Nghỉ hưu", "Nội trợ", "Kinh doanh tự do")]
    RNG.shuffle(free)
    for post, i in zip(KDC_DOAN_THE, free):
        rows[i]["chuc_vu_doan_the"] = post
    return rows


# ---------------------------------------------------------------- ratings

XS, TT, HT, K = "HTXSNV", "HTTNV", "HTNV", "KHTNV"


def cap_ok(rows):
    xs = sum(r["xep_loai"] == XS for r in rows)
    tt = sum(r["xep_loai"] == TT for r in rows)
    return xs <= 0.2 * tt


def rate(groups):
    """Exact overall counts, then swaps that keep them: the 20 % cap per chi bộ
    (broken on purpose in OVER_CAP), no leader below HTTNV."""
    everyone = [r for rows in groups.values() for r in rows]
    n = len(everyone)
    counts = {XS: round(n * 0.10), HT: round(n * 0.18), K: round(n * 0.02)}
    counts[TT] = n - sum(counts.values())
    pool = [x for x, c in counts.items() for _ in range(c)]
    RNG.shuffle(pool)
    # Leaders and people at work first in line for HTXSNV, retirees for the rest.
    def merit(r):
        return (r["lanh_dao"] == "có") * 2 + (r["he_thong_chinh_tri"] == "có") + RNG.random() * 2.2
    order = sorted(everyone, key=merit, reverse=True)
    rank = {XS: 0, TT: 1, HT: 2, K: 3}
    pool.sort(key=lambda x: rank[x] + RNG.random() * 1.6)
    for r, x in zip(order, pool):
        r["xep_loai"] = x

    def swap(a, b):
        a["xep_loai"], b["xep_loai"] = b["xep_loai"], a["xep_loai"]

    # No leader rated HTNV/KHTNV: swap with an HTTNV non-leader of the same chi bộ.
    for rows in groups.values():
        for r in rows:
            if r["lanh_dao"] == "có" and r["xep_loai"] in (HT, K):
                other = next(o for o in rows if o["lanh_dao"] == "không" and o["xep_loai"] == TT)
                swap(r, other)

    # Over-cap chi bộ: promote HTTNV members, taking HTXSNV from chi bộ with room.
    for name in OVER_CAP:
        rows = groups[name]
        while cap_ok(rows):
            donor = next(rs for nm, rs in groups.items() if nm not in OVER_CAP
                         and sum(r["xep_loai"] == XS for r in rs) > 0)
            give = next(r for r in donor if r["xep_loai"] == XS)
            take = next(r for r in rows if r["xep_loai"] == TT)
            swap(give, take)
    # Everyone else within the cap: hand the extra HTXSNV to a chi bộ with room.
    for name, rows in groups.items():
        if name in OVER_CAP:
            continue
        while not cap_ok(rows):
            give = next(r for r in sorted(rows, key=lambda r: r["lanh_dao"] == "có") if r["xep_loai"] == XS)
            for other_name, other in sorted(groups.items(), key=lambda kv: -len(kv[1])):
                if other_name in OVER_CAP or other is rows:
                    continue
                xs = sum(r["xep_loai"] == XS for r in other)
                tt = sum(r["xep_loai"] == TT for r in other)
                if xs + 1 <= 0.2 * (tt - 1):
                    take = next(r for r in other if r["xep_loai"] == TT)
                    swap(give, take)
                    break
            else:
                raise RuntimeError("no room for HTXSNV")


# ---------------------------------------------------------------- output

def write_csv(path, columns, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: nfc(str(r[k])) for k in columns})


def write_context(path, values, comment):
    with open(path, "w", encoding="utf-8") as f:
        f.write(f"# {comment}\n# Written by data/ward/generate.py; synthetic.\n")
        for k, v in values.items():
            f.write(f'{k}: "{nfc(v)}"\n')


def main():
    agency_total = sum(a[1] for a in AGENCIES)
    groups = {}
    for name, size in zip(KDC, kdc_sizes(N_MEMBERS - agency_total)):
        groups[name] = build_kdc(name, size)
    for name, size, bias, in_system, roster in AGENCIES:
        groups[name] = build_agency(name, size, bias, in_system, roster)
    rate(groups)

    members, chi_bo_rows = [], []
    for i, (name, rows) in enumerate(groups.items(), start=1):
        bi_thu = [r for r in rows if r["chuc_vu_dang"] == "Bí thư chi bộ"]
        assert len(bi_thu) == 1, name
        chi_bo_rows.append(dict(ma=f"CB{i:02d}", chi_bo=name, bi_thu=bi_thu[0]["ho_ten"], so_dang_vien=len(rows)))
        # Chi ủy first, then the others in alphabetical order of given name (as a roll).
        rank = {"Bí thư chi bộ": 0, "Phó Bí thư chi bộ": 1, "Chi ủy viên": 2}
        rows.sort(key=lambda r: (rank.get(r["chuc_vu_dang"], 3), r["ho_ten"].split()[-1], r["ho_ten"]))
        members.extend(rows)
    for stt, r in enumerate(members, start=1):
        r["stt"] = stt
    assert len(members) == N_MEMBERS

    write_csv(os.path.join(HERE, "chi-bo.csv"), ["ma", "chi_bo", "bi_thu", "so_dang_vien"], chi_bo_rows)
    write_csv(os.path.join(HERE, "dang-vien.csv"), COLUMNS, members)
    write_context(os.path.join(HERE, "context-2019.yaml"), {
        "dang_bo": DANG_BO,
        "dang_uy": "Đảng ủy phường Giang Biên",
        "dia_danh": "Giang Biên",
        "nam": "2021",
        "han_nop": "22/11/2021",
        "van_ban": "Công văn số 68-CV/ĐU ngày 02/11/2021 của Đảng ủy phường Giang Biên",
    }, "Batch context for the 2019 forms (HD 21-HD/BTCTW), review year 2021.")
    write_context(os.path.join(HERE, "context-2025.yaml"), {
        "dang_bo": DANG_BO,
        "dang_uy": "Đảng ủy phường Giang Biên",
        "dia_danh": "Giang Biên",
        "nam": "2025",
        "han_nop": "15/12/2025",
        "van_ban": "Kế hoạch số 45-KH/ĐU ngày 10/11/2025 của Đảng ủy phường Giang Biên",
    }, "Batch context for the 2025 forms (HD 43-HD/BTCTW), review year 2025.")

    # A short report on stderr-free stdout.
    from collections import Counter
    c = Counter(r["xep_loai"] for r in members)
    print(f"{len(members)} members, {len(chi_bo_rows)} chi bộ")
    print("ratings:", {k: f"{c[k]} ({c[k] / len(members):.1%})" for k in (XS, TT, HT, K)})
    lead = sum(r["lanh_dao"] == "có" for r in members)
    outside = sum(r["he_thong_chinh_tri"] == "không" for r in members)
    print(f"lanh_dao có: {lead} ({lead / len(members):.1%}); outside the political system: {outside}")
    for cb in chi_bo_rows:
        rows = groups[cb["chi_bo"]]
        xs = sum(r["xep_loai"] == XS for r in rows)
        tt = sum(r["xep_loai"] == TT for r in rows)
        flag = "  > 20 % of HTTNV" if xs > 0.2 * tt else ""
        print(f"  {cb['ma']} {cb['chi_bo']:<48} {cb['so_dang_vien']:>3}  HTXSNV {xs:>2} / HTTNV {tt:>3}{flag}")


if __name__ == "__main__":
    main()
