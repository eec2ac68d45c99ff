import re


def ref_sort_key(ref):
    """ "1.10" sorts after "1.9" (and "CS3.10" after "CS3.8"): every run of digits is zero-padded."""
    return re.sub(r"\d+", lambda m: m.group().zfill(5), ref)
