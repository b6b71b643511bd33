# Writes the fixed series of the R golden fixtures to tools/reference/series/:
# copies of a few real series (so regeneration never depends on ../shared) and
# the seeded synthetic edge cases, plus index.csv (name, file, m, h, source).
# Run from the repository root:  Rscript tools/reference/make-series.R
# The copies are committed; rerun only to change the set of series.

out_dir <- file.path("tools", "reference", "series")
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
shared <- Sys.getenv("TSF_SHARED_DATA", file.path("..", "shared", "data"))

write_series <- function(name, ds, y) {
  frame <- data.frame(unique_id = name, ds = ds, y = y)
  write.csv(frame, file.path(out_dir, paste0(name, ".csv")),
            row.names = FALSE, quote = FALSE)
}

copy_series <- function(csv, id, name) {
  data <- read.csv(csv, colClasses = c("character", "character", "character"))
  rows <- data[data$unique_id == id, ]
  if (nrow(rows) == 0) stop(sprintf("series '%s' not found in %s", id, csv))
  # y is copied as text so the committed copy is byte-identical to the source.
  write_series(name, rows$ds, rows$y)
}

index <- list()
add <- function(name, m, h, source) {
  index[[length(index) + 1]] <<- data.frame(name = name, file = paste0(name, ".csv"),
                                            m = m, h = h, source = source)
}

# AirPassengers: the bundled sample, first 132 points (1949-01..1959-12).
air <- read.csv(file.path("apps", "cli", "assets", "air_passengers.csv"),
                colClasses = c("character", "character", "character"))
write_series("air_passengers", air$ds[1:132], air$y[1:132])
add("air_passengers", 12, 12, "apps/cli/assets/air_passengers.csv, first 132 points")

picks <- list(
  list("m3_yearly", c("Y1", "Y160", "Y400"), 1, 6),
  list("m3_quarterly", c("Q1", "Q300", "Q600"), 4, 8),
  list("m4_hourly", c("H1", "H150", "H300"), 24, 48)
)
for (pick in picks) {
  for (id in pick[[2]]) {
    name <- paste0(pick[[1]], "_", id)
    copy_series(file.path(shared, pick[[1]], "train.csv"), id, name)
    add(name, pick[[3]], pick[[4]], sprintf("%s/train.csv series %s (all training points)", pick[[1]], id))
  }
}

# Intermittent demand: 72 monthly points, a demand with probability 0.3,
# sizes 1 + Poisson(3). Seeded, so the CSV is reproducible.
set.seed(20240501)
occurs <- rbinom(72, 1, 0.3)
sizes <- 1 + rpois(72, 3)
ds_monthly <- function(n) format(seq(as.Date("2000-01-01"), by = "month", length.out = n))
write_series("intermittent", ds_monthly(72), occurs * sizes)
add("intermittent", 1, 12, "synthetic: Bernoulli(0.3) x (1 + Poisson(3)), set.seed(20240501)")

# A positive seasonal series with a few exact zeros (no multiplicative models).
base <- round(20 + 10 * sin(2 * pi * (1:48) / 12) + rnorm(48, 0, 2), 1)
base[c(7, 19, 31, 44)] <- 0
write_series("with_zeros", ds_monthly(48), base)
add("with_zeros", 12, 12, "synthetic: 20 + 10 sin(2 pi t / 12) + N(0, 2), four points set to 0")

write_series("constant", ds_monthly(30), rep(42, 30))
add("constant", 4, 8, "synthetic: 30 points equal to 42")

write_series("three_points", ds_monthly(3), c(10, 12, 11))
add("three_points", 4, 4, "synthetic: 10, 12, 11 (shorter than the season)")

write.csv(do.call(rbind, index), file.path(out_dir, "index.csv"), row.names = FALSE)
cat(sprintf("wrote %d series to %s\n", length(index), out_dir))
