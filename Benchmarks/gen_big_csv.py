"""Writes a realistic Cyrillic mentee base as CSV (UTF-8, ';'): N rows x 13 columns, deterministic."""
import random
import sys

n = int(sys.argv[1])
path = sys.argv[2]
rnd = random.Random(42)
last = ["Иванов", "Петрова", "Сидоров", "Кузнецова", "Смирнов", "Ёлкина", "Попов", "Соколова", "Лебедев", "Козлова"]
first = ["Иван", "Анна", "Пётр", "Мария", "Алексей", "Екатерина", "Дмитрий", "Ольга", "Сергей", "Наталья"]
patr = ["Иванович", "Сергеевна", "Петрович", "Алексеевна", "Дмитриевич", "Олеговна"]
requests = ["Подготовка к олимпиаде по математике", "Адаптация в новом коллективе", "Выбор профессии",
            "Помощь с проектной работой, оформление", "Развитие лидерских качеств", "Подтянуть русский язык"]
forms = ["ученик – ученик", "педагог – ученик", "студент – ученик", "работодатель – ученик"]
places = ["МБОУ СОШ № 4", "МАОУ Лицей № 2", "Гимназия № 1 им. А. С. Пушкина"]
header = ["№ п/п", "Фамилия", "Имя", "Отчество", "Дата рождения", "Класс", "Контактные данные для связи",
          "Основной запрос наставляемого", "Дата вхождения в программу", "ФИО наставника",
          "Форма наставничества", "Место реализации программы наставничества", "Результаты программы"]
with open(path, "w", encoding="utf-8", newline="") as f:
    f.write(";".join(header) + "\n")
    for i in range(1, n + 1):
        row = [str(i), rnd.choice(last), rnd.choice(first), rnd.choice(patr),
               f"{rnd.randint(1, 28):02d}.{rnd.randint(1, 12):02d}.{rnd.randint(2006, 2014)}",
               f"{rnd.randint(5, 11)}{rnd.choice('АБВГ')}",
               f"+7 9{rnd.randint(10, 99)} {rnd.randint(100, 999)}-{rnd.randint(10, 99)}-{rnd.randint(10, 99)}",
               rnd.choice(requests), f"{rnd.randint(1, 28):02d}.09.2023",
               f"{rnd.choice(last)} {rnd.choice(first)} {rnd.choice(patr)}", rnd.choice(forms),
               rnd.choice(places), "" if rnd.random() < 0.5 else "Повышение успеваемости"]
        f.write(";".join(row) + "\n")
