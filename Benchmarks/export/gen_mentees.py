"""Writes a canonical mentee table (the store's import format) of N rows for the export benchmark:
realistic Russian values, one mentor per 10 mentees, every mentee current (no end date).
usage: gen_mentees.py N OUT.csv"""
import random
import sys

n = int(sys.argv[1])
rnd = random.Random(20240901)
last = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов", "Новиков", "Фёдоров"]
first = ["Илья", "Артём", "Мария", "Анна", "Дарья", "Максим", "Полина", "Егор", "София", "Матвей"]
pat = ["Андреевич", "Сергеевна", "Петрович", "Олеговна", "Ильич", "Викторовна"]
cats = ["gifted", "low_results", "disengaged", "gifted;disengaged"]
# Names carry no digits (the validator refuses them): a number is spelled as syllables, so every
# mentee, guardian and mentor name stays distinct.
syll = ["ба", "ве", "ги", "до", "жу", "за", "ки", "ло", "му", "ны"]


def word(k):
    out = ""
    while True:
        out = syll[k % 10] + out
        k //= 10
        if k == 0:
            return out.capitalize()


requests = ["подтянуть математику", "подготовка к олимпиаде по физике", "профориентация и выбор профиля",
            "адаптация в новом классе", "проект по информатике"]
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    f.write("fullName,birthDate,className,personKind,phones,guardianName,guardianPhone,guardianRelation,menteeCategory,"
            "request,startDate,mentorName,form,kinds,place,status,schoolYear\n")
    for i in range(n):
        y = 2008 + i % 6
        f.write(",".join([
            f"{last[i % 10]}-{word(i)} {first[(i // 10) % 10]} {pat[i % 6]}",
            f"{y}-{i % 12 + 1:02d}-{i % 28 + 1:02d}",
            f"{i % 7 + 5}{'АБВГ'[i % 4]}",
            "student",
            f"+7916{i % 10_000_000:07d}",
            f"{last[(i + 3) % 10]}-{word(i)} Анна Сергеевна",
            f"+7903{(i * 7) % 10_000_000:07d}",
            "parent",
            cats[i % 4],
            requests[i % 5],
            f"2024-{9 + i % 3:02d}-{i % 28 + 1:02d}",
            f"Наставников-{word(i // 10)} Пётр Ильич",
            "student_student" if i % 3 else "employer_student",
            "traditional" if i % 2 else "group",
            "МБОУ СОШ № 4",
            "active",
            "2024/2025",
        ]) + "\n")
