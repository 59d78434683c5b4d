import MentorBase
import OfficeContainer

/// The safety policy for reading untrusted workbooks: the shared zip + XML container policy
/// (``ContainerSafetyPolicy`` in `OfficeContainer`), which `Plugins/XLSX/README.md` explains.
public typealias XLSXSafetyPolicy = ContainerSafetyPolicy

extension ContainerFormat {
    /// How container errors name XLSX and what they advise.
    static let xlsx = ContainerFormat(
        name: "XLSX",
        repairHint: Localized(ru: "откройте файл в Excel или LibreOffice и сохраните заново как XLSX",
                              en: "open the file in Excel or LibreOffice and save it again as XLSX"),
        notThisFormatHint: Localized(ru: "проверьте, что файл скачан целиком и сохранён как книга Excel (.xlsx)",
                                     en: "check that the file was downloaded whole and saved as an Excel workbook (.xlsx)"))
}
