"""pycountry without its 22 MB of translated country names (overrides the generic hook).

sumy imports pycountry only to look languages up by code in its ISO 639-3 database.
"""

from PyInstaller.utils.hooks import collect_data_files, copy_metadata

datas = copy_metadata("pycountry") + collect_data_files("pycountry", includes=["databases/*"])
