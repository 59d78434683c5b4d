import CXLSXWriter
import MentorBase

/// Charts (``ChartSpec``) drawn by libxlsxwriter over the current sheet's cells.
extension XLSXWriter: ChartWriting {
    func addChart(_ spec: ChartSpec) throws {
        guard let wb = workbook, let sheet = current else {
            throw MentorBaseError.io(target.location, ru: "диаграмму можно добавить только к начатому листу",
                                     en: "a chart needs a sheet in progress")
        }
        let type: lxw_chart_type
        switch spec.kind {
        case .column: type = LXW_CHART_COLUMN
        case .bar: type = LXW_CHART_BAR
        case .line: type = LXW_CHART_LINE
        case .pie: type = LXW_CHART_PIE
        }
        guard spec.firstRow >= 0, spec.lastRow >= spec.firstRow, spec.lastRow < 1_048_576, !spec.series.isEmpty,
              let chart = workbook_add_chart(wb, UInt8(type.rawValue)) else {
            throw MentorBaseError.io(target.location, ru: "libxlsxwriter не создал диаграмму «\(spec.title)»",
                                     en: "libxlsxwriter could not create the chart “\(spec.title)”")
        }
        spec.title.withCString { chart_title_set_name(chart, $0) }
        for s in spec.series {
            guard let series = chart_add_series(chart, nil, nil) else {
                throw MentorBaseError.io(target.location, ru: "не удалось добавить ряд «\(s.name)»", en: "cannot add series “\(s.name)”")
            }
            sheet.name.withCString { name in
                chart_series_set_categories(series, name, lxw_row_t(spec.firstRow), lxw_col_t(spec.categoriesColumn),
                                            lxw_row_t(spec.lastRow), lxw_col_t(spec.categoriesColumn))
                chart_series_set_values(series, name, lxw_row_t(spec.firstRow), lxw_col_t(s.valuesColumn),
                                        lxw_row_t(spec.lastRow), lxw_col_t(s.valuesColumn))
            }
            s.name.withCString { chart_series_set_name(series, $0) }
        }
        if let axis = spec.valueAxisTitle, spec.kind != .pie {
            axis.withCString { chart_axis_set_name(spec.kind == .bar ? chart.pointee.x_axis : chart.pointee.y_axis, $0) }
        }
        let err = worksheet_insert_chart(sheet.worksheet, lxw_row_t(spec.anchorRow), lxw_col_t(spec.anchorColumn), chart)
        guard err == LXW_NO_ERROR else {
            throw lxwError(err, SourceLocation(file: target.name, sheet: sheet.name))
        }
    }
}
