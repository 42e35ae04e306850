"""jieba, reduced to what word segmentation uses (overrides the generic hook).

Only the main dictionary is data; the HMM tables in ``finalseg`` are Python modules. Keyword
extraction (``analyse``, 6 MB of IDF table), part-of-speech tagging (``posseg``, 15 MB) and the
Paddle model (``lac_small``, 13 MB) are never used by the summariser.
"""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files("jieba", includes=["dict.txt"])
excludedimports = ["jieba.analyse", "jieba.posseg", "jieba.lac_small", "paddle", "pkg_resources"]
