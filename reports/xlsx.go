package reports

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// numericHeaders are the columns of the long CSV tables that hold numbers.
var numericHeaders = []string{"mean", "ci_low", "ci_high", "n", "target", "agents",
	"hour_of_week", "capacity", "booked", "utilisation_pct"}

// numericColumns says which columns of t hold numbers: t.Numeric when
// set, else the columns named in numericHeaders.
func (t CSVTable) numericColumns() []bool {
	if t.Numeric != nil {
		return t.Numeric
	}
	num := make([]bool, len(t.Header))
	for i, h := range t.Header {
		num[i] = slices.Contains(numericHeaders, h)
	}
	return num
}

// SheetName is the name of t's sheet in a workbook: its file name without
// ".csv", with spaces for underscores and a capital first letter
// ("queue_intervals.csv" is "Queue intervals"), at most 31 characters
// (Excel's limit).
func (t CSVTable) SheetName() string {
	s := strings.ReplaceAll(strings.TrimSuffix(t.Name, ".csv"), "_", " ")
	if s == "" {
		return "Sheet"
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	for utf8.RuneCountInString(s) > 31 {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}

// maxSheetRows is the most rows an Excel sheet holds (the header
// included), and maxSheetColumns the most columns.
const (
	maxSheetRows    = 1 << 20
	maxSheetColumns = 1 << 14
)

// maxColumnWidth caps a column's width in a workbook, in characters.
const maxColumnWidth = 40

// WriteXLSX writes tables as one Excel workbook (Office Open XML, .xlsx),
// a sheet per table in the order given, named by [CSVTable.SheetName]:
// the header row in bold and frozen, with a filter on it; every cell of a
// numeric column (mean, ci_low, ci_high, n, ..., and every metric column
// of the wide table) stored as a number, so that a spreadsheet sums and
// charts it without conversion; an empty cell where the CSV has none (a
// value not defined). A table larger than a sheet (1,048,576 rows,
// 16,384 columns) is an error, before anything is written. Text stays text: a queue named "123" is not turned
// into a number. The same tables give the same bytes (the workbook's
// dates are the library's fixed ones, and its parts are written in a
// fixed order).
func WriteXLSX(w io.Writer, tables []CSVTable) error {
	for _, t := range tables {
		if len(t.Rows)+1 > maxSheetRows || len(t.Header) > maxSheetColumns {
			return fmt.Errorf("xlsx: %s has %d rows and %d columns, more than an Excel sheet holds (%d rows, %d columns): write it with --csv",
				t.Name, len(t.Rows)+1, len(t.Header), maxSheetRows, maxSheetColumns)
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("xlsx: %w", err)
	}
	for i, t := range tables {
		sheet := t.SheetName()
		if i == 0 {
			if err := f.SetSheetName("Sheet1", sheet); err != nil {
				return fmt.Errorf("xlsx: sheet %s: %w", sheet, err)
			}
		} else if _, err := f.NewSheet(sheet); err != nil {
			return fmt.Errorf("xlsx: sheet %s: %w", sheet, err)
		}
		if err := writeSheet(f, sheet, t, bold); err != nil {
			return fmt.Errorf("xlsx: sheet %s: %w", sheet, err)
		}
	}
	if len(tables) > 0 {
		f.SetActiveSheet(0)
	}
	return f.Write(w)
}

// writeSheet fills sheet with t.
func writeSheet(f *excelize.File, sheet string, t CSVTable, bold int) error {
	num := t.numericColumns()
	width := make([]int, len(t.Header))
	header := make([]any, len(t.Header))
	for i, h := range t.Header {
		header[i] = h
		width[i] = utf8.RuneCountInString(h)
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	row := make([]any, len(t.Header))
	for r, rec := range t.Rows {
		for i := range row {
			row[i] = nil
			if i >= len(rec) || rec[i] == "" {
				continue
			}
			width[i] = max(width[i], utf8.RuneCountInString(rec[i]))
			if i < len(num) && num[i] {
				v, err := strconv.ParseFloat(rec[i], 64)
				if err != nil {
					return fmt.Errorf("row %d, column %s: %q is not a number", r+2, t.Header[i], rec[i])
				}
				row[i] = v
				continue
			}
			row[i] = rec[i]
		}
		cell, err := excelize.CoordinatesToCellName(1, r+2)
		if err != nil {
			return err
		}
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
	}
	if len(t.Header) == 0 {
		return nil
	}
	last, err := excelize.ColumnNumberToName(len(t.Header))
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(sheet, "A1", last+"1", bold); err != nil {
		return err
	}
	for i, wd := range width {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, float64(min(wd, maxColumnWidth)+2)); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.AutoFilter(sheet, fmt.Sprintf("A1:%s%d", last, len(t.Rows)+1), nil)
}

// XLSXTables are the tables of a run's workbook: the long CSV tables
// ([CSVTables]), with the wide per-interval table
// ([WideIntervalsTable]) after the long per-queue interval table.
func XLSXTables(r *RunReport) []CSVTable {
	long := CSVTables(r.Summary, r.Start, r.Slots)
	var out []CSVTable
	for _, t := range long {
		out = append(out, t)
		if t.Name == "queue_intervals.csv" {
			out = append(out, WideIntervalsTable(r.Summary, r.Start))
		}
	}
	return out
}

// WriteXLSX starts the file at path, as part of set, with the run's
// workbook ([XLSXTables], [WriteXLSX]), and returns how many sheets it
// has.
func (r *RunReport) WriteXLSX(set *FileSet, path string) (int, error) {
	tables := XLSXTables(r)
	return len(tables), set.Write(path, func(w io.Writer) error { return WriteXLSX(w, tables) })
}
