// load_dm_sam.R of the complete package: base R (no package to install) reads
// every CSV with only empty cells as missing and the types of columns.csv —
// integers, numbers, Date, POSIXct in UTC; choices as factors whose levels are
// the codes' FR or EN labels (every code of the dictionary, used or not); each
// column's label in attr(x, "label") (what haven and labelled read).
export const R_LOADER = `# Load the DM-SAM export package in R, with the types and labels of columns.csv.
#   source("load_dm_sam.R")
#   cases <- load_dm_sam("cases")                    # factors labelled in French
#   lines <- load_dm_sam("treatment_lines", lang = "en")
#   raw   <- load_dm_sam("cases", factors = FALSE)   # choices as their codes
# Only an empty cell is missing: NK, ND, NAP and initials such as "NA" stay text.

dm_sam_value_labels <- function(text) {
  if (is.na(text) || text == "") return(NULL)
  parts <- strsplit(text, " | ", fixed = TRUE)[[1]]
  stats::setNames(sub("^.*? = ", "", parts, perl = TRUE), sub(" = .*$", "", parts, perl = TRUE))
}

load_dm_sam <- function(table = "cases", folder = ".", lang = c("fr", "en"), factors = TRUE) {
  lang <- match.arg(lang)
  read <- function(file, na) {
    utils::read.csv(file.path(folder, file), fileEncoding = "UTF-8-BOM", encoding = "UTF-8",
                    colClasses = "character", na.strings = na, check.names = FALSE)
  }
  book <- read("columns.csv", character(0))
  book <- book[book$table == table, ]
  data <- read(paste0(table, ".csv"), "")
  for (i in seq_len(nrow(book))) {
    name <- book$column[i]
    type <- book$type[i]
    x <- data[[name]]
    if (is.null(x)) next
    if (type == "integer") {
      x <- as.integer(x)
    } else if (type == "decimal") {
      x <- as.numeric(x)
    } else if (type == "date") {
      x <- as.Date(x, format = "%Y-%m-%d")
    } else if (type == "datetime") {
      x <- as.POSIXct(x, format = "%Y-%m-%dT%H:%M:%OS", tz = "UTC")
    } else if (type == "choice" && factors) {
      named <- dm_sam_value_labels(book[[paste0("value_labels_", lang)]][i])
      if (!is.null(named)) x <- factor(x, levels = names(named), labels = unname(named))
    }
    attr(x, "label") <- book[[paste0("label_", lang)]][i]
    data[[name]] <- x
  }
  data
}
`;
