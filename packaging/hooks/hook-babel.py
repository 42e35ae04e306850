"""babel with its root and English locale data only (overrides the generic hook; saves 34 MB).

babel arrives through trafilatura's URL library, courlan, which asks it for a locale only when
a crawl filters links by language, and treats a locale it cannot load as unknown. The summariser
never filters links by language.
"""

from PyInstaller.utils.hooks import collect_data_files

datas = collect_data_files(
    "babel", includes=["global.dat", "locale-data/root.dat", "locale-data/en.dat"]
)
hiddenimports = ["babel.dates", "babel.localedata", "babel.plural", "babel.numbers"]
