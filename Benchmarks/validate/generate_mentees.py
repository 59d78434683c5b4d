"""Writes a large mentee base as a secretary's CSV (UTF-8, ',', Russian headers and values) for the benchmark.
Usage: python3 generate_mentees.py ROWS OUT.csv"""
import csv
import sys

HEADER = ["№ п/п", "ФИО наставляемого", "Дата рождения", "Класс", "Контактные данные для связи",
          "ФИО родителя (законного представителя)", "Категория наставляемого", "Основной запрос наставляемого",
          "Дата вхождения в программу", "ФИО наставника", "Форма наставничества",
          "Место реализации программы наставничества", "Дата завершения программы"]
SURNAMES = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Федоров",
            "Морозов", "Волков", "Алексеев", "Лебедев", "Семенов", "Егоров", "Павлов", "Козлов", "Степанов", "Николаев"]
NAMES = ["Александр", "Максим", "Иван", "Артем", "Дмитрий", "Никита", "Михаил", "Даниил", "Егор", "Андрей"]
PATRONYMICS = ["Александрович", "Сергеевич", "Андреевич", "Дмитриевич", "Алексеевич", "Игоревич", "Олегович", "Петрович"]
FORMS = ["ученик – ученик", "студент – ученик", "работодатель – ученик", "ученик – ученик, традиционное"]
CATEGORIES = ["проявившие выдающиеся способности", "демонстрирующие неудовлетворительные образовательные результаты",
              "не принимающие участие в жизни школы, отстраненные от коллектива"]
LETTERS = "абвгдежзик"


def suffix(n):
    return "".join(LETTERS[int(d)] for d in str(n)).capitalize()


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    with open(out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(HEADER)
        for n in range(1, rows + 1):
            s, name, patr = SURNAMES[n % 20], NAMES[(n // 20) % 10], PATRONYMICS[(n // 200) % 8]
            day, month, year = 1 + n % 28, 1 + (n // 28) % 12, 2006 + (n // 336) % 6
            w.writerow([n, f"{s}-{suffix(n)} {name} {patr}", f"{day:02d}.{month:02d}.{year}", f"{5 + n % 7}{'АБВГ'[n % 4]}",
                        f"8 (9{10 + n % 89}) {100 + n % 900}-{10 + n % 90}-{10 + (n // 90) % 90}", f"{s}а Мария Ивановна",
                        CATEGORIES[n % 3], "помощь в учебе по математике", f"0{1 + n % 9}.10.2022", "Орлова Нина Викторовна",
                        FORMS[n % 4], "МБОУ СОШ № 4", end_date(n)])


def end_date(n):
    """The group's end date. One mentor, start date and form make one group pairing (two of the form
    spellings name the same form), so the end date follows the start date (n % 9): every member of
    a group carries the same end date (or none) and the file is consistent."""
    start = n % 9
    return f"2{1 + start % 8}.05.2023" if start % 3 == 0 else ""


if __name__ == "__main__":
    main()
