"""The ICU data kept in the package: Chinese, English and the root locale, Unicode's own data, GB18030."""

from __future__ import annotations

from tools.trim_icu import items_to_remove

ITEMS = ["root.res", "zh.res", "zh_Hans_CN.res", "en_GB.res", "de.res", "mn.res", "pool.res", "res_index.res",
         "supplementalData.res", "plurals.res", "uprops.icu", "nfc.nrm", "cnvalias.icu", "gb18030.cnv",
         "ibm-1047_P100-1995.cnv", "coll/zh.res", "coll/fr.res", "coll/ucadata.icu", "coll/pool.res",
         "brkitr/cjdict.dict", "brkitr/thaidict.dict", "brkitr/line.brk", "translit/root.res", "zone/ja.res"]


def test_only_other_languages_converters_and_transliteration_are_removed():
    assert sorted(items_to_remove(ITEMS)) == sorted(["de.res", "mn.res", "ibm-1047_P100-1995.cnv", "coll/fr.res",
                                                     "brkitr/thaidict.dict", "translit/root.res", "zone/ja.res"])
