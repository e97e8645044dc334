# Reads the DM-SAM cases, one block and the queries through the API (R, httr2).
# The token comes from the environment, never from the script:
#   DMSAM_TOKEN=dmsam_… Rscript cases.R      (or Sys.setenv / .Renviron)
library(httr2)

base <- Sys.getenv("DMSAM_URL", "https://ecrf.example.org")
token <- Sys.getenv("DMSAM_TOKEN")

api <- function(path, ...) {
  request(base) |>
    req_url_path_append(path) |>
    req_url_query(...) |>
    req_auth_bearer_token(token) |>
    req_headers(`Accept-Language` = "en") |>
    req_retry(max_tries = 5) |> # waits as told by Retry-After when the API answers 429
    req_perform() |>
    resp_body_json(simplifyVector = TRUE)
}

# Every row of a paginated endpoint, as one data frame.
all_rows <- function(path, ...) {
  pages <- list()
  page <- 1
  repeat {
    body <- api(path, page = page, pageSize = 500, ...)
    if (length(body$data) > 0) pages[[page]] <- body$data
    if (page >= body$pages) break
    page <- page + 1
  }
  if (length(pages) == 0) return(data.frame())
  do.call(rbind, pages)
}

dictionary <- api("api/v1/dictionary")$data
cases <- all_rows("api/v1/cases", ageInsteadOfBirthDate = 1)
infections <- all_rows("api/v1/cases/blocks/infections")

cat(sprintf("dictionary: %d variables\n", nrow(dictionary)))
cat(sprintf("cases: %d\n", nrow(cases)))
cat(sprintf("columns: %d\n", ncol(cases)))
cat(sprintf("infections: %d rows\n", nrow(infections)))
