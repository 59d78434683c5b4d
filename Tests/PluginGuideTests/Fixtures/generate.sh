#!/usr/bin/env bash
# Regenerates mentors.rec with GNU recutils (Debian package `recutils`) and the expected
# table mentors.expected.csv with recutils' own rec2csv, so the test compares our reading
# with recutils' reading of the same file.
set -euo pipefail
cd "$(dirname "$0")"
rm -f mentors.rec
touch mentors.rec
recins -f Name -v "Иванова Мария Петровна" -f Role -v "наставник" -f Phone -v "+7 916 000-00-00" \
       -f Note -v 'Любит "шахматы"; ведёт кружок' mentors.rec
recins -f Name -v "Петров Пётр" -f Role -v "наставляемый" -f Phone -v "" \
       -f Note -v "первая строка
вторая строка" mentors.rec
recins -f Name -v "Сидорова Анна" -f Role -v "наставник" -f Phone -v "8 (495) 123-45-67" \
       -f Note -v "=1+1 остаётся текстом" mentors.rec
rec2csv mentors.rec > mentors.expected.csv
